package store

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"testing"
)

func TestLockRefusesSecondWriter(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	w, err := OpenWriter(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("store %s is being written by another heraldqa process (pid %d)", dir, os.Getpid())

	attempts := []struct {
		name string
		try  func() error
	}{
		{"second OpenWriter", func() error {
			l, err := OpenWriter(ctx, dir)
			if err == nil {
				l.Close()
			}
			return err
		}},
		{"Save of a store from Open", func() error {
			l, err := Open(ctx, dir)
			if err != nil {
				return err
			}
			l.SetAux("x", []byte("y"))
			return l.Save(ctx)
		}},
	}
	for _, a := range attempts {
		err := a.try()
		var le *LockedError
		if !errors.As(err, &le) || err.Error() != want {
			t.Errorf("%s: err = %v, want %q", a.name, err, want)
		}
	}

	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	w2, err := OpenWriter(ctx, dir)
	if err != nil {
		t.Fatalf("OpenWriter after the first writer closed: %v", err)
	}
	w2.Close()
}

func TestLockHeldByAnotherProcess(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	cmd := helperCommand("hold-lock", dir, 0)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	lines := bufio.NewScanner(out)
	if !lines.Scan() || lines.Text() != "locked" {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("helper said %q, want \"locked\"", lines.Text())
	}

	_, err = OpenWriter(ctx, dir)
	want := fmt.Sprintf("store %s is being written by another heraldqa process (pid %d)", dir, cmd.Process.Pid)
	if err == nil || err.Error() != want {
		t.Errorf("err = %v, want %q", err, want)
	}

	// A writer killed outright leaves no lock behind.
	cmd.Process.Kill()
	cmd.Wait()
	w, err := OpenWriter(ctx, dir)
	if err != nil {
		t.Fatalf("OpenWriter after the holder was killed: %v", err)
	}
	w.Close()
}
