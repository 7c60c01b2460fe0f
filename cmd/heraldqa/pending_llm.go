package main

import "github.com/heraldqa/heraldqa/retrieve/answer"

// llm is being built in this session; this file is deleted when it lands.
func (a *app) llm() (answer.Generator, error) { return nil, nil }
