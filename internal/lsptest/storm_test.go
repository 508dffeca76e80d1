package lsptest_test

import (
	"math/rand/v2"
	"reflect"
	"testing"
	"unicode/utf8"

	"github.com/expertise-ls/expertise-ls/internal/lsptest"
)

// TestChangeStorm types an expertise file into an empty buffer one
// character at a time, at random places (each character goes where it
// belongs among those typed so far), with a stray "é😀" typed and deleted
// twice around each one: thousands of incremental didChange notifications, then a
// save. If the server applied any change out of order or at the wrong
// offset, its text, and so its findings, would differ from those of the
// same text opened in one piece.
func TestChangeStorm(t *testing.T) {
	p := lsptest.Start(t, serverBin, lsptest.Options{})
	target := "domain: integrations\nlast_updated: " + today() + "\nconventions:\n  - NEVER hardcode API keys\n  - ALWAYS validate webhook signatures — toujours\nintegrations_catalog:\n  payment:\n    - name: Stripe\n      env_vars: [stripe_key, STRIPE_WEBHOOK_SECRET]\nlearnings:\n  - {insight: \"Crème brûlée 😀 needs raw bodies\", date: 2024-13-45}\n  - date: " + today() + "\n    insight: \"Stripe webhooks need express.raw() before JSON parsing\"\n"
	const stormed, reference = expertPath, "packages/cli/src/core/experts/integrations/expertise.yaml"
	p.WriteFile(stormed, "")
	p.OpenFile(stormed)

	var chars []string
	for _, r := range target {
		chars = append(chars, string(r))
	}
	typed := make([]bool, len(chars))
	rng := rand.New(rand.NewPCG(3, 5))
	const stray = "é😀"
	for _, i := range rng.Perm(len(chars)) {
		at := 0 // the byte offset of chars[i] among the typed characters
		for j := range i {
			if typed[j] {
				at += len(chars[j])
			}
		}
		for range 2 {
			junk := randomBoundary(p.Text(stormed), rng)
			p.EditFile(stormed, lsptest.Edit{Start: junk, End: junk, Text: stray})
			p.EditFile(stormed, lsptest.Edit{Start: junk, End: junk + len(stray)})
		}
		p.EditFile(stormed, lsptest.Edit{Start: at, End: at, Text: chars[i]})
		typed[i] = true
	}
	if p.Text(stormed) != target {
		t.Fatalf("the harness typed %q", p.Text(stormed))
	}
	p.SaveFile(stormed)
	v := p.Version(stormed)
	t.Logf("%d incremental changes", v-1)
	got := p.AwaitDiagnostics(stormed, "the saved version", func(pub lsptest.Publication) bool { return pub.Version == v })

	p.WriteFile(reference, target)
	p.OpenFile(reference)
	want := p.AwaitDiagnostics(reference, "the reference", func(pub lsptest.Publication) bool { return pub.Version == 1 })
	if len(want.Diagnostics) < 3 {
		t.Fatalf("the reference text has %d findings (%v); the comparison needs several", len(want.Diagnostics), want.Codes())
	}
	if !reflect.DeepEqual(got.Diagnostics, want.Diagnostics) {
		t.Fatalf("after %d changes the findings differ from the reference's:\n got %+v\nwant %+v", v-1, got.Diagnostics, want.Diagnostics)
	}
}

// randomBoundary returns a random character boundary of s.
func randomBoundary(s string, rng *rand.Rand) int {
	for {
		if i := rng.IntN(len(s) + 1); i == len(s) || utf8.RuneStart(s[i]) {
			return i
		}
	}
}
