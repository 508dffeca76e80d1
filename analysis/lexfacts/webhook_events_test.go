package lexfacts

import (
	"fmt"
	"slices"
	"testing"

	"github.com/expertise-ls/expertise-ls/analysis/codelex"
	"github.com/expertise-ls/expertise-ls/analysis/syntax"
)

func TestWebhookEvents(t *testing.T) {
	const stripeTS = "import Stripe from \"stripe\";\n"
	tests := []struct {
		name, rel, content string
		want               []string // provider:event
	}{
		{
			name: "js switch, ===, reversed ==, !==",
			rel:  "src/webhooks/stripe.ts",
			content: stripeTS + "const event = stripe.webhooks.constructEvent(body, sig, secret);\n" +
				"switch (event.type) {\n  case \"payment_intent.succeeded\":\n  case 'invoice.paid': break;\n}\n" +
				"if (event.type === \"charge.refunded\") {}\nif (\"customer.created\" == event.type) {}\n" +
				"if (event.type !== `checkout.session.completed`) return;\nif (event.type === \"charge.refunded\") {}\n",
			want: []string{"stripe:payment_intent.succeeded", "stripe:invoice.paid", "stripe:charge.refunded", "stripe:customer.created",
				"stripe:checkout.session.completed"},
		},
		{
			name: "not compared, hosts, file names, upper case, comments",
			rel:  "src/webhooks/stripe.ts",
			content: stripeTS + "// stripe-signature\nconst a = \"invoice.paid\";\nfn(\"charge.refunded\");\n" +
				"if (host === \"hooks.example.com\") {}\nif (file == \"config.json\") {}\nif (e.type === \"Invoice.Paid\") {}\n" +
				"if (e.type === \"invoice\") {}\nif (e.type === \"invoice..paid\") {}\n// case \"invoice.voided\":\n" +
				"if (x = \"invoice.finalized\") {}\nconst t = `${\"a\"}.b` === \"x\";\n",
		},
		{
			name:    "python == and match/case with |",
			rel:     "app/hooks.py",
			content: "import stripe\n\ndef webhook(payload, sig):\n    event = stripe.Webhook.construct_event(payload, sig, secret)\n    if event[\"type\"] == \"invoice.paid\":\n        pass\n    match event.type:\n        case \"charge.refunded\" | \"charge.failed\":\n            pass\n",
			want:    []string{"stripe:invoice.paid", "stripe:charge.refunded", "stripe:charge.failed"},
		},
		{
			name:    "ruby when with a list",
			rel:     "app/controllers/webhooks_controller.rb",
			content: "require 'stripe'\n\ncase event.type\nwhen 'invoice.paid', 'invoice.voided'\n  ok\nwhen \"charge.refunded\"\nend\n",
			want:    []string{"stripe:invoice.paid", "stripe:invoice.voided", "stripe:charge.refunded"},
		},
		{
			name:    "go case with a list",
			rel:     "internal/billing/webhook.go",
			content: "package billing\n\nimport \"github.com/stripe/stripe-go/v76/webhook\"\n\nfunc handle() {\n\tswitch event.Type {\n\tcase \"invoice.paid\", \"invoice.voided\":\n\t}\n}\n",
			want:    []string{"stripe:invoice.paid", "stripe:invoice.voided"},
		},
		{
			name:    "a client that never mentions webhooks handles none",
			rel:     "src/billing.ts",
			content: stripeTS + "if (price.type === \"one_time.recurring\") {}\n",
		},
		{
			name:    "a file using no provider with webhooks",
			rel:     "src/webhooks/generic.ts",
			content: "import OpenAI from \"openai\";\n// webhook\nif (event.type === \"invoice.paid\") {}\n",
		},
		{
			name:    "two providers, the header tells them apart",
			rel:     "src/webhooks/handler.ts",
			content: stripeTS + "import { Resend } from \"resend\";\nconst sig = req.headers[\"stripe-signature\"];\nif (event.type === \"invoice.paid\") {}\n",
			want:    []string{"stripe:invoice.paid"},
		},
		{
			name:    "two providers, nothing tells them apart",
			rel:     "src/webhooks/handler.ts",
			content: stripeTS + "import { Resend } from \"resend\";\nif (event.type === \"invoice.paid\") {}\n",
		},
		{
			name:    "two providers, the path word tells them apart",
			rel:     "src/webhooks/resend.ts",
			content: stripeTS + "import { Resend } from \"resend\";\nif (event.type === \"email.delivered\") {}\n",
			want:    []string{"resend:email.delivered"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			family := syntax.Detect(tt.rel).Family()
			lx := codelex.Lex([]byte(tt.content), family)
			var got []string
			for _, e := range WebhookEvents(lx, family, tt.rel, nil, ProviderUses(lx, family)) {
				got = append(got, fmt.Sprintf("%s:%s", e.Provider, e.Name))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("events %q, want %q", got, tt.want)
			}
		})
	}
}
