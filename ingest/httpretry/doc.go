// Package httpretry is heraldqa's one HTTP retry layer, shared by the
// embedders, the LLM client and the Telegram sender: a retrying transport
// (on go-retryablehttp), the reading of Retry-After and of a server's error
// message, the redaction of secrets, and a clock whose sleeps tests can see
// without spending them.
//
// It lives under ingest/ because the embedders, the lowest of its users,
// are there; retrieve and bot import it as they import ingest.
package httpretry
