//go:build !llm

package main

import (
	"errors"
	"net/http"

	"github.com/heraldqa/heraldqa/retrieve/answer"
)

// llmWith stands in while the LLM answerer (retrieve/answer/llm.go) is
// built only with -tags llm: --record and --replay say so.
func (a *app) llmWith(*http.Client, bool) (answer.Generator, error) {
	return nil, errors.New("--record and --replay need the LLM answerer, which this build leaves out (build with -tags llm)")
}
