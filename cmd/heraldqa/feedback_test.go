package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFeedbackExport(t *testing.T) {
	dir := freshStore(t)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	records := `{"time":"2026-11-30T08:00:00Z","user_id":1001,"chat_id":1001,"message_id":9001,"reaction":"down","question":"2025浦江创新论坛的主宾国是哪个国家？","answer":"主宾国是俄罗斯[1]。","mode":"llm","grounded":true,"citations":[{"n":1,"ref":"《中国高新技术产业导报》2025年9月29日 第36期(总第2640期) 第1版《论坛》"}]}
not json
{"time":"2026-12-02T08:00:00Z","user_id":1002,"chat_id":1002,"message_id":9002,"reaction":"up","question":"第40期头版讲了什么？","answer":"…","mode":"extractive","grounded":true,"citations":[]}
`
	if err := os.WriteFile(filepath.Join(dir, "feedback.jsonl"), []byte(records), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		want   []string
		reject []string
		errOut string
	}{
		{"all", []string{"feedback", "export"}, 0, []string{"draft: true", "2025浦江创新论坛的主宾国是哪个国家？", "第40期头版讲了什么？", "# 👎 from user 1001", "主宾国是俄罗斯[1]。"}, nil, "1 unreadable line"},
		{"only down", []string{"feedback", "export", "--only", "down"}, 0, []string{"主宾国"}, []string{"第40期"}, "1 fixture draft"},
		{"since", []string{"feedback", "export", "--since", "2026-12-01"}, 0, []string{"第40期"}, []string{"主宾国"}, ""},
		{"bad date", []string{"feedback", "export", "--since", "yesterday"}, 2, nil, nil, "--since"},
		{"bad only", []string{"feedback", "export", "--only", "up"}, 2, nil, nil, "--only"},
		{"no subcommand", []string{"feedback"}, 2, nil, nil, "usage"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			if code := run(tc.args, strings.NewReader(""), &out, &errOut); code != tc.code {
				t.Fatalf("exit %d, want %d; stderr: %s", code, tc.code, errOut.String())
			}
			for _, w := range tc.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, out.String())
				}
			}
			for _, w := range tc.reject {
				if strings.Contains(out.String(), w) {
					t.Errorf("output has %q:\n%s", w, out.String())
				}
			}
			if !strings.Contains(errOut.String(), tc.errOut) || strings.Count(strings.TrimSpace(errOut.String()), "\n") > 1 {
				t.Errorf("stderr %q, want a line or two saying %q", errOut.String(), tc.errOut)
			}
		})
	}
}
