//go:build !llm

package main

import (
	"errors"
	"strings"

	"github.com/heraldqa/heraldqa/retrieve/answer"
)

// llm stands in while the LLM answerer (llm.go) is built only with
// -tags llm, until go.sum holds langchaingo's dependencies. Asking for an
// LLM is an error rather than a silent extractive answer.
func (a *app) llm() (answer.Generator, error) {
	if p := strings.ToLower(strings.TrimSpace(a.cfg.Get("HERALDQA_LLM"))); p == "" || p == "none" {
		return nil, nil
	}
	return nil, errors.New("HERALDQA_LLM: this build leaves out the LLM answerer (build with -tags llm)")
}
