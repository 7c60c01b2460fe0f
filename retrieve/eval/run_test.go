package eval

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/heraldqa/heraldqa/retrieve/answer"
)

// suite is n cases "q0".."q{n-1}"; the odd ones expect text the fake
// answerer never writes.
func suite(n int) []*Case {
	cases := make([]*Case, n)
	for i := range cases {
		want := "answer"
		if i%2 == 1 {
			want = "something else"
		}
		cases[i] = &Case{ID: fmt.Sprintf("c%d", i), Question: fmt.Sprintf("q%d", i), File: "s.yaml", Line: 1 + 4*i,
			Expect: Expect{ContainsAny: []string{want}}}
	}
	return cases
}

// TestRunParallel: cases run `parallel` at a time, no more, and results come
// back in fixture order whatever order they finish in.
func TestRunParallel(t *testing.T) {
	for _, parallel := range []int{1, 3, 8} {
		t.Run(fmt.Sprint(parallel), func(t *testing.T) {
			const n = 24
			var inFlight, peak atomic.Int32
			// Each question waits until `parallel` are in flight (or a
			// while has passed, for the tail of the suite): a runner that
			// is not parallel would see a peak of 1.
			ask := func(ctx context.Context, q string) (*answer.Answer, error) {
				cur := inFlight.Add(1)
				defer inFlight.Add(-1)
				for {
					p := peak.Load()
					if cur <= p || peak.CompareAndSwap(p, cur) {
						break
					}
				}
				for deadline := time.Now().Add(200 * time.Millisecond); inFlight.Load() < int32(parallel) && time.Now().Before(deadline); {
					time.Sleep(time.Millisecond)
				}
				// Later questions finish first, to shuffle completion order.
				var i int
				fmt.Sscanf(q, "q%d", &i)
				time.Sleep(time.Duration(n-i) * 100 * time.Microsecond)
				return &answer.Answer{Question: q, Answer: "the answer to " + q, Mode: answer.ModeExtractive}, nil
			}
			rep, err := Run(context.Background(), suite(n), ask, Options{Parallel: parallel})
			if err != nil {
				t.Fatal(err)
			}
			if got := peak.Load(); got != int32(parallel) {
				t.Errorf("peak of %d questions in flight, want %d", got, parallel)
			}
			if rep.Passed != n/2 || rep.Failed != n/2 {
				t.Errorf("%d passed, %d failed; want %d and %d", rep.Passed, rep.Failed, n/2, n/2)
			}
			for i, r := range rep.Cases {
				if r.ID != fmt.Sprintf("c%d", i) || r.Answer.Question != fmt.Sprintf("q%d", i) {
					t.Fatalf("result %d is %s answering %q: out of order", i, r.ID, r.Answer.Question)
				}
				if r.Passed != (i%2 == 0) {
					t.Errorf("%s passed=%v", r.ID, r.Passed)
				}
				if r.DurationMS <= 0 {
					t.Errorf("%s has no duration", r.ID)
				}
			}
		})
	}
}

func TestRunErrors(t *testing.T) {
	ask := func(ctx context.Context, q string) (*answer.Answer, error) {
		switch q {
		case "q0":
			return nil, errors.New("searching the archive: disk on fire")
		case "q1":
			return nil, nil
		}
		return &answer.Answer{Answer: "answer"}, nil
	}
	rep, err := Run(context.Background(), suite(3), ask, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Cases[0].Error != "searching the archive: disk on fire" || rep.Cases[0].Passed {
		t.Errorf("case 0: %+v", rep.Cases[0])
	}
	if rep.Cases[1].Error != "no answer" || rep.Cases[1].Passed {
		t.Errorf("case 1: %+v", rep.Cases[1])
	}
	if !rep.Cases[2].Passed {
		t.Errorf("case 2: %+v", rep.Cases[2])
	}
	if rep.Passed != 1 || rep.Failed != 2 {
		t.Errorf("%s, want 1 passed, 2 failed", rep.Summary())
	}
}

func TestRunCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var once sync.Once
	var asked atomic.Int32
	ask := func(ctx context.Context, q string) (*answer.Answer, error) {
		asked.Add(1)
		once.Do(cancel)
		return &answer.Answer{Answer: "answer"}, ctx.Err()
	}
	rep, err := Run(ctx, suite(100), ask, Options{Parallel: 2})
	if !errors.Is(err, context.Canceled) || rep != nil {
		t.Fatalf("got %v, %v; want context.Canceled", rep, err)
	}
	if n := asked.Load(); n > 4 {
		t.Errorf("%d questions asked after the run was cancelled", n)
	}
}

func TestSelect(t *testing.T) {
	cases := []*Case{{ID: "pujiang-theme"}, {ID: "tw-pujiang"}, {ID: "torch-spirit"}}
	ids := func(cs []*Case) string {
		var s []string
		for _, c := range cs {
			s = append(s, c.ID)
		}
		return strings.Join(s, ",")
	}
	if got := ids(Select(cases, regexp.MustCompile("pujiang"))); got != "pujiang-theme,tw-pujiang" {
		t.Errorf("pujiang: %s", got)
	}
	if got := ids(Select(cases, regexp.MustCompile("^t"))); got != "tw-pujiang,torch-spirit" {
		t.Errorf("^t: %s", got)
	}
	if got := ids(Select(cases, nil)); got != "pujiang-theme,tw-pujiang,torch-spirit" {
		t.Errorf("nil: %s", got)
	}
}
