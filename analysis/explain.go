package analysis

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/expertise-ls/expertise-ls/analysis/knowledge"
	"github.com/expertise-ls/expertise-ls/expertise"
	"github.com/expertise-ls/expertise-ls/internal/span"
)

// Explanation is what the expertise says about the code at a position, for
// a hover: Markdown text and the range it is about. It names env vars,
// providers and files, never a value.
type Explanation struct {
	Range    span.Range
	Markdown string
}

// maxLearnings bounds the learnings an explanation lists (newest first).
const maxLearnings = 5

// Explain returns what the workspace's expertise says about the env var
// read or the provider use (SDK import, API host) at offset in f: for an env
// var, where it is documented and which catalog entry lists it; for a
// provider, its catalog entry (env vars and whether each is documented,
// webhook events) or, when it is not cataloged, what the knowledge table
// knows, with the conventions and the learnings that name the provider or
// the file. ok is false when nothing at offset is either.
func Explain(ix *Index, f *File, offset int) (Explanation, bool) {
	at := func(r span.Range) bool {
		return r.Contains(offset) || r.End.Offset == offset && r.End.Offset > r.Start.Offset
	}
	for _, r := range FindEnvReads(f) {
		if at(r.Range) {
			return Explanation{Range: r.Range, Markdown: explainEnvVar(ix, r.Name)}, true
		}
	}
	for _, u := range FindProviderUses(f) {
		if at(u.Range) {
			if p := knowledge.Get().Provider(u.Provider); p != nil {
				return Explanation{Range: u.Range, Markdown: explainProvider(ix, f, p, "")}, true
			}
		}
	}
	for _, c := range FindSDKCalls(f) {
		if at(c.Range) {
			if p := knowledge.Get().Provider(c.Provider); p != nil {
				return Explanation{Range: c.Range, Markdown: explainProvider(ix, f, p, sdkCallHeading(f, p, c.Callee))}, true
			}
		}
	}
	return Explanation{}, false
}

// ExplainWebhook explains an inbound webhook handler (label "POST
// /webhooks/stripe" or "", provider's name or "", whether it verifies a
// signature as unverified-webhook judges) over r: the verdict, how to
// verify, and the provider's catalog entry, conventions and learnings. The
// webhooks package finds the handlers; this writes what a hover shows.
func ExplainWebhook(ix *Index, f *File, r span.Range, label, provider string, verified bool) Explanation {
	who := "Webhook handler"
	p := knowledge.Get().ProviderByName(provider)
	if p != nil {
		who = p.Name + " webhook handler"
	}
	h := "**" + who + "**"
	if label != "" {
		h += " `" + label + "`"
	}
	if verified {
		h += ": signature verified."
	} else {
		h += ": **signature not verified**"
		if p != nil && p.Webhook != nil && p.Webhook.VerifyHint[f.Lang.Family()] != "" {
			h += "; verify with `" + p.Webhook.VerifyHint[f.Lang.Family()] + "` before trusting the payload"
		}
		h += "."
	}
	if p == nil {
		e := &explainer{ix: ix}
		e.line("%s", h)
		if x := ix.IntegrationsExpert(); x != nil {
			e.conventions(x)
		}
		return Explanation{Range: r, Markdown: e.b.String()}
	}
	return Explanation{Range: r, Markdown: explainProvider(ix, f, p, h)}
}

// sdkCallHeading is the first paragraph of an SDK call's hover: whose SDK it
// is and, for a webhook verification call, what it checks.
func sdkCallHeading(f *File, p *knowledge.Provider, callee string) string {
	h := fmt.Sprintf("`%s`: %s SDK", callee, p.Name)
	if w := p.Webhook; w != nil {
		family := f.Lang.Family()
		switch {
		case knowledge.MatchesAny(callee, w.UnsafeVerify[family]):
			h += "; verifies the webhook signature **without** its timestamp check (replays pass)"
		case knowledge.MatchesAny(callee, w.Verify[family]):
			h += "; verifies the webhook signature"
			if len(w.Headers) > 0 {
				h += " (`" + w.Headers[0] + "`)"
			}
			if w.RawBody {
				h += " over the raw request body"
			}
		}
	}
	return h + "."
}

// explainer writes one explanation.
type explainer struct {
	ix *Index
	b  strings.Builder
}

func (e *explainer) line(format string, args ...any) { fmt.Fprintf(&e.b, format+"\n", args...) }

// link is a Markdown link to a line of a file of the workspace, shown by
// its path relative to the root.
func (e *explainer) link(path string, line int) string {
	return fmt.Sprintf("[%s:%d](%s#L%d)", e.ix.Rel(path), line, fileURL(path), line)
}

func fileURL(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return "file://" + strings.ReplaceAll(p, " ", "%20")
}

// documented lists where the workspace documents an env var (see
// EnvDocs), as links.
func (e *explainer) documented(name string, catalog bool) []string {
	var out []string
	for _, d := range EnvDocs(e.ix, name, catalog) {
		switch {
		case d.Entry != "":
			out = append(out, fmt.Sprintf("the catalog entry %s (%s) %s", d.Entry, d.Category, e.link(d.Path, d.Line)))
		case d.Line > 0:
			out = append(out, e.link(d.Path, d.Line))
		default:
			out = append(out, "`"+e.ix.Rel(d.Path)+"`")
		}
	}
	return out
}

func explainEnvVar(ix *Index, name string) string {
	e := &explainer{ix: ix}
	e.line("**`%s`** (environment variable)", name)
	e.line("")
	if where := e.documented(name, true); len(where) > 0 {
		e.line("Documented in %s.", strings.Join(where, ", "))
	} else {
		e.line("**Not documented** in any .env example, docs or catalog entry of this workspace.")
	}
	if p := knowledge.Get().ProviderOfEnvVar(name); p != nil {
		e.line("")
		e.line("Read by %s clients (%s).", p.Name, p.Category)
	}
	if readers := envReadCounts(ix)[name]; readers > 0 {
		e.line("")
		e.line("Read in %s of the workspace.", expertise.Plural(readers, "file"))
	}
	return e.b.String()
}

// explainProvider explains provider p where f uses it, after heading (a
// first paragraph, when not "").
func explainProvider(ix *Index, f *File, p *knowledge.Provider, heading string) string {
	e := &explainer{ix: ix}
	if heading != "" {
		e.line("%s", heading)
		e.line("")
	}
	var expert *expertise.File
	if hit := CatalogEntryOf(ix, p); hit != nil {
		expert = hit.Expert
		entry := hit.Entry
		e.line("**%s** (%s) in the integrations catalog, %s", entry.Name.Value, hit.Category, e.link(expert.Path, entry.Name.Range.Start.Line+1))
		e.line("")
		for _, v := range entry.EnvVars {
			mark := "not documented"
			if len(e.documented(v.Value, false)) > 0 {
				mark = "documented"
			}
			e.line("- env `%s`: %s", v.Value, mark)
		}
		if len(entry.Webhooks) > 0 {
			var events []string
			for _, w := range entry.Webhooks {
				events = append(events, "`"+w.Value+"`")
			}
			e.line("- webhooks: %s", strings.Join(events, ", "))
		}
	} else {
		e.line("**%s** (%s) is **not in the integrations catalog**; the code action \"Add %s to the integrations catalog\" adds it.", p.Name, p.Category, p.Name)
		e.line("")
		if len(p.EnvVars) > 0 {
			e.line("- env vars it usually needs: `%s`", strings.Join(p.EnvVars, "`, `"))
		}
		expert = ix.IntegrationsExpert()
	}
	if w := p.Webhook; w != nil {
		if len(w.Headers) > 0 { // the signature's header comes first; the others are event, id and timestamp headers
			e.line("- webhook signature header: `%s`", w.Headers[0])
		}
		if hint := w.VerifyHint[f.Lang.Family()]; hint != "" {
			e.line("- verify with: `%s`", hint)
		}
	}
	if expert != nil {
		e.conventions(expert)
		e.learnings(f, p)
	}
	return e.b.String()
}

// conventions lists an expert's conventions.
func (e *explainer) conventions(x *expertise.File) {
	if len(x.Conventions) == 0 {
		return
	}
	e.line("")
	e.line("Conventions (%s):", e.link(x.Path, x.Conventions[0].Range.Start.Line+1))
	for _, c := range x.Conventions {
		e.line("- %s", c.Value)
	}
}

// learnings lists, newest first, the learnings of every expert that name
// the provider or list the file in files_affected (see LearningsAbout).
func (e *explainer) learnings(f *File, p *knowledge.Provider) {
	all := LearningsAbout(e.ix, []string{p.Name, p.ID}, []string{f.Rel})
	if len(all) == 0 {
		return
	}
	e.line("")
	e.line("Learnings:")
	for _, it := range all[:min(len(all), maxLearnings)] {
		text, _ := expertise.FirstValue(it.Insight, it.Title, it.Context)
		e.line("- %s %s (%s)", it.Date.Value, strings.Join(strings.Fields(text), " "), e.link(it.Path, it.Line))
	}
}
