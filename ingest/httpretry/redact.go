package httpretry

import (
	"net/url"
	"strings"
)

// Redactor takes secrets out of text: API keys and bot tokens that a
// server, a URL in an error, or a log line may quote back.
type Redactor struct {
	forms []string
	mask  string
}

// NewRedactor returns a Redactor hiding each secret behind mask, in every
// form in which it may show up: whole, path-escaped (a token in a URL),
// and, for a Telegram token "id:secret", its secret half alone. Secrets
// shorter than 4 characters are left alone: hiding them would garble
// text without protecting anything.
func NewRedactor(mask string, secrets ...string) *Redactor {
	r := &Redactor{mask: mask}
	for _, s := range secrets {
		if len(s) < 4 {
			continue
		}
		r.forms = append(r.forms, s)
		if e := url.PathEscape(s); e != s {
			r.forms = append(r.forms, e)
		}
		if _, half, ok := strings.Cut(s, ":"); ok && len(half) >= 8 {
			r.forms = append(r.forms, half)
		}
	}
	return r
}

// String returns s with every secret masked.
func (r *Redactor) String(s string) string {
	if r == nil {
		return s
	}
	for _, f := range r.forms {
		s = strings.ReplaceAll(s, f, r.mask)
	}
	return s
}

// Error returns err with its message redacted; it still unwraps to err, so
// errors.Is and errors.As see the original. nil stays nil.
func (r *Redactor) Error(err error) error {
	if err == nil {
		return nil
	}
	return &redactedError{msg: r.String(err.Error()), err: err}
}

type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }
