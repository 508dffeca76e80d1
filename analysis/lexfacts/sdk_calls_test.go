package lexfacts

import (
	"slices"
	"testing"

	"github.com/expertise-ls/expertise-ls/analysis/codelex"
	"github.com/expertise-ls/expertise-ls/analysis/syntax"
)

func TestSDKCalls(t *testing.T) {
	tests := []struct {
		name, rel, content string
		want               []string // provider:callee
	}{
		{
			name: "js default import, new, assignment, this.member",
			rel:  "src/pay.ts",
			content: "import Stripe from \"stripe\";\nconst stripe = new Stripe(process.env.STRIPE_SECRET_KEY);\n" +
				"await stripe.customers.create({ email });\nconst event = stripe.webhooks.constructEvent(body, sig, secret);\n" +
				"class Pay { constructor() { this.client = stripe; } run() { return this.client.charges.list(); } }\n" +
				"// stripe.refunds.create() in a comment\nconst s = \"stripe.invoices.pay()\";\nfoo(stripe);\nother.stripe.x();\n",
			want: []string{"stripe:Stripe", "stripe:stripe.customers.create", "stripe:stripe.webhooks.constructEvent", "stripe:this.client.charges.list"},
		},
		{
			name: "js named, aliased, namespace imports and require",
			rel:  "src/mail.js",
			content: "import { Resend as R } from \"resend\";\nimport * as sg from \"@sendgrid/mail\";\nconst twilio = require(\"twilio\");\n" +
				"const { Webhook } = require(\"svix\");\n" +
				"const r = new R(key);\nr.emails.send(msg);\nsg.setApiKey(k);\nconst client = twilio(sid, token);\nclient.messages.create(m);\nnew Webhook(secret).verify(p, h);\n",
			want: []string{"resend:R", "resend:r.emails.send", "sendgrid:sg.setApiKey", "twilio:twilio", "twilio:client.messages.create", "svix:Webhook"},
		},
		{
			name: "python import, as, from-import",
			rel:  "app/pay.py",
			content: "import stripe\nfrom twilio.rest import Client as TwilioClient\n\nstripe.api_key = key\n" +
				"event = stripe.Webhook.construct_event(payload, sig, secret)\nclient = TwilioClient(sid, tok)\nclient.messages.create(to=x)\nx == stripe\n",
			want: []string{"stripe:stripe.api_key", "stripe:stripe.Webhook.construct_event", "twilio:TwilioClient", "twilio:client.messages.create"},
		},
		{
			name: "go package name, version suffix, alias",
			rel:  "internal/pay/pay.go",
			content: "package pay\n\nimport (\n\t\"github.com/stripe/stripe-go/v76\"\n\twh \"github.com/stripe/stripe-go/v76/webhook\"\n)\n\n" +
				"func f() {\n\tstripe.Key = k\n\tev, err := wh.ConstructEvent(p, h, s)\n\t_ = ev\n}\n",
			want: []string{"stripe:stripe.Key", "stripe:wh.ConstructEvent"},
		},
		{
			name:    "ruby constant of a required gem, assignment from .new",
			rel:     "app/pay.rb",
			content: "require 'stripe'\n\nevent = Stripe::Webhook.construct_event(payload, sig, secret)\n@client = Stripe::StripeClient.new(key)\n@client.v1.customers.list\n",
			want:    []string{"stripe:Stripe::Webhook.construct_event", "stripe:Stripe::StripeClient.new", "stripe:@client.v1.customers.list"},
		},
		{
			name:    "no import, no calls",
			rel:     "src/x.ts",
			content: "const stripe = makeStripe();\nstripe.customers.create();\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			family := syntax.Detect(tt.rel).Family()
			lx := codelex.Lex([]byte(tt.content), family)
			var got []string
			for _, u := range SDKCalls(lx, family, ProviderUses(lx, family)) {
				got = append(got, u.Provider.ID+":"+tt.content[u.Start:u.End])
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("SDKCalls:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}
