package main

import (
	"context"
	"errors"
	"io"
	"testing"

	"github.com/heraldqa/heraldqa/cmd/config"
	"github.com/heraldqa/heraldqa/retrieve"
	"github.com/heraldqa/heraldqa/retrieve/answer"
)

// plainGen is an LLM answerer that does not translate.
type plainGen struct{}

func (plainGen) Generate(context.Context, *retrieve.Query, []answer.Source, io.Writer) (string, error) {
	return "", nil
}

// translatingGen also translates.
type translatingGen struct{ plainGen }

func (translatingGen) Translate(context.Context, string) (string, error) { return "论坛", nil }

func TestTranslateSetting(t *testing.T) {
	tests := []struct {
		value   string
		gen     answer.Generator
		wantErr bool
		wantTr  bool
	}{
		{"", nil, false, false},
		{"dict", translatingGen{}, false, false},
		{"DICT", nil, false, false},
		{"llm", translatingGen{}, false, true},
		{"llm", nil, true, false},
		{"llm", plainGen{}, true, false},
		{"google", nil, true, false},
	}
	for _, tt := range tests {
		cfg, err := config.Load(func(k string) (string, bool) {
			if k == "HERALDQA_TRANSLATE" {
				return tt.value, true
			}
			return "", false
		}, "")
		if err != nil {
			t.Fatal(err)
		}
		asker := &answer.Asker{}
		err = (&app{cfg: cfg}).translate(asker, tt.gen)
		var ue usageError
		if tt.wantErr != (err != nil) || err != nil && !errors.As(err, &ue) {
			t.Errorf("HERALDQA_TRANSLATE=%q: error %v, want a usage error: %v", tt.value, err, tt.wantErr)
		}
		if (asker.Translator != nil) != tt.wantTr {
			t.Errorf("HERALDQA_TRANSLATE=%q: translator set %v, want %v", tt.value, asker.Translator != nil, tt.wantTr)
		}
	}
}
