package main

import (
	"context"
	"errors"
)

// eval is being built in this session; this file is deleted when it lands.
func (a *app) eval(context.Context, []string) error { return errors.New("not built yet") }
