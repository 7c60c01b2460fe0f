package main

import (
	"fmt"
	"strings"

	"github.com/heraldqa/heraldqa/retrieve"
	"github.com/heraldqa/heraldqa/retrieve/answer"
)

// translate wires HERALDQA_TRANSLATE: dict (the default) renders English
// questions for the search with CC-CEDICT and the paper's terms, offline
// and reproducibly; llm lets the configured LLM do it, when its generator
// is also a retrieve.Translator.
func (a *app) translate(asker *answer.Asker, gen answer.Generator) error {
	switch v := strings.ToLower(strings.TrimSpace(a.cfg.Get("HERALDQA_TRANSLATE"))); v {
	case "", "dict":
		return nil
	case "llm":
		tr, ok := gen.(retrieve.Translator)
		if !ok {
			return usageError{"HERALDQA_TRANSLATE=llm needs an LLM that translates: set HERALDQA_LLM=openai|ollama, or use HERALDQA_TRANSLATE=dict"}
		}
		asker.Translator = tr
		return nil
	default:
		return usageError{fmt.Sprintf("HERALDQA_TRANSLATE=%q: want dict or llm", v)}
	}
}
