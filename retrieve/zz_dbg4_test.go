package retrieve

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/heraldqa/heraldqa/ingest/embed"
	"github.com/heraldqa/heraldqa/ingest/store"
)

func TestZZDbg4(t *testing.T) {
	ctx := context.Background()
	var items []struct{ Name, Q, Store string }
	b, _ := os.ReadFile("/tmp/pynames.json")
	json.Unmarshal(b, &items)
	emb, _ := embed.New("local", embed.Config{})
	engs := map[string]*Engine{}
	for _, s := range []string{"st-trial", "st-drcd"} {
		st, err := store.Open(ctx, "/tmp/benchrun/"+s)
		if err != nil {
			t.Fatal(err)
		}
		engs[s], _ = NewEngine(ctx, st, emb)
	}
	first, any, none, runs := 0, 0, 0, 0
	var dur time.Duration
	for _, it := range items {
		q := ParseQuery(it.Q)
		if len(q.Pinyin) == 0 {
			fmt.Println("norun", it.Q, q.Groups)
			continue
		}
		runs++
		t0 := time.Now()
		names := engs[it.Store].readPinyin(q.Pinyin[0].Words)
		dur += time.Since(t0)
		switch {
		case len(names) > 0 && names[0] == it.Name:
			first++
		case slices.Contains(names, it.Name):
			any++
		case len(names) == 0:
			none++
		default:
			fmt.Println("wrong", it.Name, it.Q, names)
		}
	}
	fmt.Println("items", len(items), "runs", runs, "first", first, "among", any, "none", none, "avg", dur/time.Duration(max(runs, 1)))
}
