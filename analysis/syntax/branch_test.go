package syntax

import (
	"strings"
	"testing"
)

func TestBranches(t *testing.T) {
	for _, c := range []struct {
		lang Lang
		src  string
		at   string
		want string // kind:then|else...|after per branch, innermost first
	}{
		{TypeScript, "function h() { if (secret) { try { ev = verify(a) } catch (e) { log(e) } } else { x() }\n next(ev) }", "verify",
			"try:{ ev = verify(a) }|catch (e) { log(e) }|;if:{ try { ev = verify(a) } catch (e) { log(e) } }|else { x() }|next(ev)"},
		{Python, "def h():\n    if secret:\n        try:\n            ev = verify(a)\n        except Exception:\n            pass\n    else:\n        z()\n    go(ev)\n", "verify",
			"try:ev = verify(a)|except Exception:\n            pass|;if:try:\n            ev = verify(a)\n        except Exception:\n            pass|else:\n        z()|go(ev)"},
		{Go, "package p\nfunc h() {\n\tif secret != \"\" {\n\t\tev, _ := webhook.ConstructEvent(a)\n\t}\n\tuse(ev)\n}\n", "ConstructEvent",
			"if:{\n\t\tev, _ := webhook.ConstructEvent(a)\n\t}|use(ev)"},
		{Ruby, "def h\n  verify(a) unless skip\n  y\nrescue StandardError\n  z\nend\n", "verify",
			"if!:verify(a)|y;try:verify(a) unless skip\n  y|rescue StandardError\n  z|"},
	} {
		tr := Parse(c.lang, []byte(c.src))
		at := strings.Index(c.src, c.at)
		var got []string
		for _, b := range tr.Branches(at, at+len(c.at), Span{End: len(c.src)}) {
			kind := map[BranchKind]string{BranchIf: "if", BranchTry: "try"}[b.Kind]
			if b.Negated {
				kind += "!"
			}
			s := kind + ":" + strings.TrimSpace(tr.Text(b.Then))
			for _, e := range b.Else {
				s += "|" + tr.Text(e)
			}
			if !b.InThen {
				s += "(not in then)"
			}
			got = append(got, s+"|"+strings.TrimSpace(tr.Text(b.After)))
		}
		if g := strings.Join(got, ";"); g != c.want {
			t.Errorf("%v branches around %q:\n got %q\nwant %q", c.lang, c.at, g, c.want)
		}
	}
}

func TestResultIgnored(t *testing.T) {
	for _, c := range []struct {
		lang Lang
		src  string
		call string
		want bool
	}{
		{TypeScript, "function h() { crypto.timingSafeEqual(a, b); next() }", "crypto.timingSafeEqual(a, b)", true},
		{TypeScript, "async function h() { await w.verify(b); next() }", "w.verify(b)", true},
		{TypeScript, "function h() { if (!crypto.timingSafeEqual(a, b)) return; next() }", "crypto.timingSafeEqual(a, b)", false},
		{TypeScript, "function h() { const ok = w.verify(b); }", "w.verify(b)", false},
		{Python, "def h():\n    hmac.compare_digest(a, b)\n    go()\n", "hmac.compare_digest(a, b)", true},
		{Python, "def h():\n    return hmac.compare_digest(a, b)\n", "hmac.compare_digest(a, b)", false},
		{Go, "package p\nfunc h() {\n\tev, _ := webhook.ConstructEvent(a)\n}\n", "webhook.ConstructEvent(a)", true},
		{Go, "package p\nfunc h() {\n\t_ = sv.Ensure()\n\tsv.Ensure()\n}\n", "sv.Ensure()", true},
		{Go, "package p\nfunc h() {\n\tev, err := webhook.ConstructEvent(a)\n}\n", "webhook.ConstructEvent(a)", false},
		{Ruby, "def h\n  secure_compare(a, b)\n  go\nend\n", "secure_compare(a, b)", true},
		{Ruby, "def valid?\n  secure_compare(a, b)\nend\n", "secure_compare(a, b)", false},
	} {
		tr := Parse(c.lang, []byte(c.src))
		at := strings.Index(c.src, c.call)
		if got := tr.ResultIgnored(at, at+len(c.call)); got != c.want {
			t.Errorf("%v ResultIgnored(%q) in %q = %v, want %v", c.lang, c.call, c.src, got, c.want)
		}
	}
}
