package webhooks

import (
	"bytes"
	"fmt"
	"strings"
	"sync"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/codelex"
	"github.com/expertise-ls/expertise-ls/analysis/knowledge"
)

// webhook-not-idempotent: providers deliver an event again when a handler
// fails or is slow to answer, so a handler that inserts, credits, emails or
// fulfils on each delivery does it twice unless it checks the event's id
// against those it has processed. Judged on the handler's own code, for the
// providers the knowledge table says redeliver (Redelivers), and only when
// nothing in the file looks like deduplication: any mention of the event's
// id, an idempotency key, an upsert or a unique constraint spares the file.
// A handler that hands each event type to functions elsewhere is not judged
// (its side effects are not in view).

// NotIdempotent reports webhook-not-idempotent.
var NotIdempotent = &analysis.Analyzer{
	Name: "idempotency",
	Doc:  "finds verified webhook handlers with side effects and no check for redelivered events",
	Rules: []analysis.Rule{{
		Code: "webhook-not-idempotent",
		// Info until labelled real instances show a precision of 0.9: on the
		// 15 real repositories measured it found none (see README).
		Severity: analysis.SeverityInfo,
		Summary:  "Webhook handler repeats its side effects when the provider redelivers an event",
		Help: "Providers redeliver an event after a failure or a timeout. Before inserting, crediting, emailing or " +
			"fulfilling, look the event's id up among those already processed (or insert it under a unique " +
			"constraint and stop on conflict), then process, then respond 200.",
		Convention: []string{"idempot"},
	}},
	Run:       runNotIdempotent,
	FactTypes: []*analysis.FactType{hookFactsType},
}

func runNotIdempotent(pass *analysis.Pass) {
	f := pass.File
	if role := f.Role(); role != knowledge.RoleSource {
		return
	}
	h := passHookFile(pass)
	if h == nil {
		return
	}
	// Whether the file deduplicates, read only for a handler with side effects.
	deduped := sync.OnceValue(func() bool { return f.Lexed().AnyOutsideComments(f.Lower(), dedupeWords) })
	for _, r := range verifiedReceivers(pass, h) {
		p := r.provider
		if p == nil || p.Webhook == nil || p.Webhook.Redelivers == "" {
			continue
		}
		start, end, what, ok := h.firstSideEffect(r.hd.fn.Start, r.hd.fn.End)
		if !ok {
			continue
		}
		if deduped() {
			return
		}
		pass.Report(analysis.Diagnostic{
			Range: f.Range(start, end),
			Code:  "webhook-not-idempotent",
			Message: fmt.Sprintf("%s redelivers an event when a delivery fails or times out, and this handler %s on every "+
				"delivery without checking %s against the events it has processed; record processed ids (a unique "+
				"insert) and skip repeats", p.Name, what, p.Webhook.Redelivers),
		})
	}
}

// dedupeWords, in lower case, anywhere in a file's code and strings (not
// its comments), say it deduplicates
// events (or may: a mention of the event's id is enough to stay quiet).
var dedupeWords = []string{"idempot", "dedup", "processed", "already", "upsert", "on conflict", "on duplicate", "find_or_create",
	"first_or_create", "get_or_create", "create_or_update", "update_or_create", "findorcreate", "skipduplicates", "insert or ignore",
	"unique", "eventid", "event_id", "event.id", "event[\"id\"]", "event['id']", "evt.id", "webhook-id", "webhook_id", "webhookid",
	"svix-id", "linear-delivery", "delivery_id", "deliveryid", "retry-num", "sg_event_id", "notification_id", "messageid", "message_id"}

// sideEffect is a call shape that changes state on each call, and what a
// message says it does.
type sideEffect struct {
	call string // lowercase text that ends with "(" or a method name
	what string
}

// sideEffects are calls that are not idempotent: inserts, increments,
// messages sent, money moved. Updates and upserts keyed by the event's
// object are idempotent and not listed; nor is queueing a job, the
// recommended way to answer fast, since the job may deduplicate.
var sideEffects = []sideEffect{
	{".create(", "creates a record"}, {".create!(", "creates a record"}, {".createmany(", "creates records"},
	{".insert(", "inserts a row"}, {".insertone(", "inserts a document"}, {".insertmany(", "inserts documents"},
	{".insert_one(", "inserts a document"}, {"insert into", "inserts a row"}, {".objects.create(", "creates a record"},
	{"session.add(", "inserts a row"}, {"db.session.add(", "inserts a row"},
	{"increment:", "increments a counter"}, {".increment(", "increments a counter"}, {"increment!(", "increments a counter"},
	{"$inc", "increments a counter"}, {"decrement:", "decrements a counter"},
	{".emails.send(", "sends an email"}, {"sgmail.send(", "sends an email"}, {"sendmail(", "sends an email"},
	{"sendemail(", "sends an email"}, {"send_mail(", "sends an email"}, {"send_email(", "sends an email"},
	{"deliver_later", "sends an email"}, {"deliver_now", "sends an email"}, {".messages.create(", "sends a message"},
	{".transfers.create(", "moves money"}, {".payouts.create(", "moves money"}, {".refunds.create(", "refunds a payment"},
}

// verbCalls are the starts of function names that act once per call:
// fulfillOrder(...), creditAccount(...), send_receipt(...).
var verbCalls = []struct{ prefix, what string }{
	{"fulfil", "fulfils an order"}, {"credit", "credits an account"}, {"grant", "grants access"},
	{"provision", "provisions an account"}, {"sendreceipt", "sends a receipt"}, {"send_receipt", "sends a receipt"},
	{"sendwelcome", "sends an email"}, {"send_welcome", "sends an email"}, {"sendconfirmation", "sends an email"},
	{"send_confirmation", "sends an email"}, {"addcredits", "credits an account"}, {"add_credits", "credits an account"},
}

// firstSideEffect finds the first non-idempotent call in code in
// [start, end) (or SQL INSERT in a string): its span (the call's name) and
// what it does.
func (h *hookFile) firstSideEffect(start, end int) (int, int, string, bool) {
	lower := h.f.Lower()
	lx := h.f.Lexed()
	best, bestEnd, bestWhat := -1, 0, ""
	take := func(at, atEnd int, what string) bool {
		kind := lx.KindAt(at)
		sql := kind == codelex.String && bytes.HasPrefix(lower[at:], []byte("insert into"))
		if kind != codelex.Code && !sql {
			return false
		}
		if best < 0 || at < best {
			best, bestEnd, bestWhat = at, atEnd, what
		}
		return true
	}
	body := lower[start:end]
	for _, s := range sideEffects {
		// The first occurrence in code: one in a comment or a log
		// message's text before it does not hide it.
		for k := range indexes(body, []byte(s.call)) {
			at := start + k
			callEnd := at + len(strings.TrimRight(s.call, "(:"))
			if s.call[0] == '.' {
				at++ // the method's name, without its dot
			}
			if take(at, callEnd, s.what) {
				break
			}
		}
	}
	for i := start; i < end; i++ {
		if !codelex.IsNameStart(lower[i]) || i > start && (codelex.IsIdentByte(lower[i-1]) || lower[i-1] == '.') {
			continue
		}
		name := codelex.IdentAt(lower, i)
		if len(name) == 0 {
			continue
		}
		if j := i + len(name); j < len(lower) && lower[j] == '(' {
			for _, v := range verbCalls {
				if bytes.HasPrefix(name, []byte(v.prefix)) {
					take(i, j, v.what)
					break
				}
			}
		}
		i += len(name) - 1
	}
	return best, bestEnd, bestWhat, best >= 0
}
