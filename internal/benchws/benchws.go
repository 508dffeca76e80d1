// Package benchws generates the workspace the cold-index and whole-check
// benchmarks run on, and that `go run ./internal/benchws/gen DIR` writes to
// disk for comparisons with other tools (gitleaks dir DIR).
package benchws

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// A generated workspace for the cold-index and whole-check benchmarks: the
// source kinds below in the proportions of a product repository (most files
// ordinary code, some API clients reading env vars and importing SDKs, a few
// webhook handlers, verified or not), config files, an expertise file, an
// env example, and directories the walk must skip (node_modules, a
// .gitignore'd build output).

// workspaceKind is one kind of generated file: where it goes and its text.
// Paths use %[1]d for a directory number and %[2]d for the file's number;
// head and body use %[1]d for a number. The body is repeated 1 to 5 times.
type workspaceKind struct {
	share      int // files of this kind per 100
	path       string
	head, body string
}

var workspaceKinds = []workspaceKind{
	{share: 30, path: "src/features/f%[1]d/view%[2]d.ts", head: tsHead, body: tsPlainBody},
	{share: 6, path: "src/integrations/clients/client%[2]d.ts", head: tsClientHead, body: tsClientBody},
	{share: 2, path: "src/integrations/webhooks/hook%[2]d.ts", head: tsClientHead, body: tsWebhookBody},
	{share: 1, path: "app/api/webhooks/provider%[2]d/route.ts", head: tsClientHead, body: tsNextRouteBody},
	{share: 11, path: "web/lib%[1]d/util%[2]d.js", head: jsHead, body: jsPlainBody},
	{share: 12, path: "services/svc%[1]d/models%[2]d.py", head: pyHead, body: pyPlainBody},
	{share: 2, path: "services/svc%[1]d/client%[2]d.py", head: pyClientHead, body: pyClientBody},
	{share: 1, path: "services/billing/hooks%[2]d.py", head: pyClientHead, body: pyWebhookBody},
	{share: 10, path: "internal/pkg%[1]d/file%[2]d.go", head: goHead, body: goPlainBody},
	{share: 2, path: "cmd/svc%[2]d/main.go", head: goHead, body: goHandlerBody},
	{share: 6, path: "app/models/model%[2]d.rb", body: rbModelBody},
	{share: 2, path: "app/controllers/hooks%[2]d_controller.rb", body: rbControllerBody},
	{share: 8, path: "deploy/k8s/service%[2]d.yaml", body: yamlBody},
	{share: 4, path: "packages/pkg%[2]d/package.json", body: packageJSON},
	{share: 3, path: "docs/guide%[2]d.md", body: "## Step %[1]d\n\nRun the service and set STRIPE_API_KEY in your shell.\n\n"},
}

const tsHead = `import { useMemo } from "react";
import { formatMoney } from "../../lib/money";
`

const tsPlainBody = `
/** Line items of cart %[1]d, grouped by seller. */
export interface CartLine%[1]d { sku: string; qty: number; price: number; seller: string }

export function groupBySeller%[1]d(lines: CartLine%[1]d[]): Map<string, CartLine%[1]d[]> {
  const out = new Map<string, CartLine%[1]d[]>();
  for (const line of lines) {
    const list = out.get(line.seller) ?? [];
    list.push(line);
    out.set(line.seller, list);
  }
  return out;
}

export function useTotals%[1]d(lines: CartLine%[1]d[]) {
  return useMemo(() => {
    const total = lines.reduce((sum, l) => sum + l.qty * l.price, 0);
    const label = formatMoney(total, "EUR");
    return { total, label, empty: lines.length === 0 };
  }, [lines]);
}
`

const tsClientHead = `import Stripe from "stripe";
import sgMail from "@sendgrid/mail";
import crypto from "node:crypto";
import express, { Router } from "express";
import { logger } from "../../lib/logger";

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY ?? "", { apiVersion: "2024-06-20" });
sgMail.setApiKey(process.env.SENDGRID_API_KEY!);
export const router = Router();
`

const tsClientBody = `
export async function charge%[1]d(customerId: string, amountCents: number): Promise<string> {
  const intent = await stripe.paymentIntents.create({ amount: amountCents, currency: "eur", customer: customerId });
  logger.info("payment intent created", { id: intent.id, flow: %[1]d });
  const res = await fetch("https://api.sendgrid.com/v3/mail/send", {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: "Bearer " + process.env.SENDGRID_API_KEY },
    body: JSON.stringify({ to: customerId + "@example.com", subject: "Receipt %[1]d", text: "Thanks!" }),
  });
  if (!res.ok) {
    throw new Error("sendgrid answered " + res.status + " for flow %[1]d");
  }
  return intent.id;
}
`

const tsWebhookBody = `
router.post("/webhooks/stripe%[1]d", express.raw({ type: "application/json" }), (req, res) => {
  const signature = req.headers["stripe-signature"] as string;
  const event = stripe.webhooks.constructEvent(req.body, signature, process.env.STRIPE_WEBHOOK_SECRET!);
  logger.info("stripe event", { id: event.id });
  res.json({ received: true });
});

router.post("/webhooks/shopify%[1]d", express.json(), (req, res) => {
  const hmac = req.get("X-Shopify-Hmac-Sha256") ?? "";
  const digest = crypto.createHmac("sha256", process.env.SHOPIFY_API_SECRET ?? "").update(JSON.stringify(req.body)).digest("base64");
  if (digest === hmac) {
    res.sendStatus(200);
  } else {
    res.sendStatus(401);
  }
});

router.post("/webhooks/legacy%[1]d", async (req, res) => {
  await fulfil(req.body.data.object);
  res.sendStatus(200);
});
`

const tsNextRouteBody = `
export async function POST(req: Request) {
  const body = await req.text();
  const signature = req.headers.get("stripe-signature") ?? "";
  const event = stripe.webhooks.constructEvent(body, signature, process.env.STRIPE_WEBHOOK_SECRET!);
  logger.info("route %[1]d", { id: event.id });
  return Response.json({ ok: true });
}
`

const jsHead = `const path = require("path");
const { debounce } = require("./timing");
`

const jsPlainBody = `
function slug%[1]d(title) {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/(^-|-$)/g, "");
}

const persist%[1]d = debounce((key, value) => {
  window.localStorage.setItem("draft:" + key, JSON.stringify(value));
}, 250);

module.exports.slug%[1]d = slug%[1]d;
module.exports.persist%[1]d = persist%[1]d;
`

const pyHead = `from dataclasses import dataclass
from decimal import Decimal
`

const pyPlainBody = `

@dataclass
class Invoice%[1]d:
    """Invoice %[1]d with its lines and tax."""

    number: str
    lines: list
    tax_rate: Decimal = Decimal("0.2")

    def total(self):
        net = sum(line.qty * line.price for line in self.lines)
        return net * (1 + self.tax_rate)

    def describe(self):
        return f"invoice {self.number}: {len(self.lines)} lines, total {self.total()}"
`

const pyClientHead = `import hashlib
import hmac
import os

import stripe
from flask import Flask, abort, request

app = Flask(__name__)
stripe.api_key = os.environ["STRIPE_API_KEY"]
`

const pyClientBody = `

def refund_%[1]d(charge_id, amount):
    refund = stripe.Refund.create(charge=charge_id, amount=amount)
    timeout = int(os.getenv("STRIPE_TIMEOUT_%[1]d", "30"))
    return refund.id, timeout
`

const pyWebhookBody = `

@app.route("/billing/webhooks/stripe%[1]d", methods=["POST"])
def stripe_webhook_%[1]d():
    payload = request.get_data()
    signature = request.headers.get("Stripe-Signature", "")
    event = stripe.Webhook.construct_event(payload, signature, os.environ["STRIPE_WEBHOOK_SECRET"])
    return event["id"], 200


@app.route("/billing/webhooks/paddle%[1]d", methods=["POST"])
def paddle_webhook_%[1]d():
    expected = hmac.new(os.environ["PADDLE_SECRET"].encode(), request.get_data(), hashlib.sha256).hexdigest()
    if expected == request.headers.get("Paddle-Signature"):
        return "", 200
    abort(401)
`

const goHead = `package main

import (
	"encoding/json"
	"net/http"
	"os"
)
`

const goPlainBody = `
// Order%[1]d is an order as the warehouse sees it.
type Order%[1]d struct {
	ID    string ` + "`json:\"id\"`" + `
	Items []string ` + "`json:\"items\"`" + `
}

// Weight%[1]d returns the order's shipping weight in grams.
func Weight%[1]d(o Order%[1]d, grams map[string]int) int {
	total := 0
	for _, item := range o.Items {
		total += grams[item]
	}
	return total
}
`

const goHandlerBody = `
func handleEvents%[1]d(w http.ResponseWriter, r *http.Request) {
	var ev struct{ Type string }
	if err := json.NewDecoder(r.Body).Decode(&ev); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	w.WriteHeader(http.StatusOK)
}

func serve%[1]d() error {
	http.HandleFunc("/webhooks/events%[1]d", handleEvents%[1]d)
	return http.ListenAndServe(":"+os.Getenv("PORT"), nil)
}
`

const rbModelBody = `
class Subscription%[1]d < ApplicationRecord
  belongs_to :account
  validates :plan, presence: true

  def renew!
    update!(renewed_at: Time.current, period: ENV.fetch("BILLING_PERIOD", "monthly"))
  end
end
`

const rbControllerBody = `
class Hooks%[1]dController < ApplicationController
  skip_before_action :verify_authenticity_token

  def shopify
    body = request.raw_post
    digest = Base64.strict_encode64(OpenSSL::HMAC.digest("sha256", ENV.fetch("SHOPIFY_API_SECRET"), body))
    unless ActiveSupport::SecurityUtils.secure_compare(digest, request.headers["X-Shopify-Hmac-Sha256"].to_s)
      head :unauthorized
      return
    end
    head :ok
  end
end
`

const yamlBody = `---
apiVersion: v1
kind: Service
metadata:
  name: svc-%[1]d
spec:
  ports:
    - port: 80%[1]d
      targetPort: 8080
`

const packageJSON = `{
  "name": "pkg-%[1]d",
  "private": true,
  "dependencies": { "express": "^4.19.2", "stripe": "^16.0.0" }
}
`

const workspaceExpertise = `domain: integrations
last_updated: 2026-09-01
files:
  webhooks:
    - path: src/integrations/webhooks/
      purpose: "Inbound webhook handlers"
conventions:
  - "NEVER hardcode API keys"
  - "ALWAYS validate webhook signatures"
integrations_catalog:
  payment:
    - name: Stripe
      env_vars: [STRIPE_API_KEY, STRIPE_WEBHOOK_SECRET]
      webhooks: [payment_intent.succeeded]
learnings:
  - date: 2026-10-02
    insight: "Stripe webhooks need express.raw() before JSON parsing"
`

// Write writes a generated workspace of n files that indexed counts (the
// analysis index's Indexed) under root, plus node_modules and .gitignore'd
// files a walk must skip.
func Write(root string, n int, indexed func(rel string) bool) error {
	var err error
	write := func(rel, text string) {
		if err != nil {
			return
		}
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err = os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return
		}
		err = os.WriteFile(p, []byte(text), 0o644)
	}
	write(".gitignore", "dist/\n*.log\n")
	write(".env.example", "STRIPE_API_KEY=\nSTRIPE_SECRET_KEY=\nSTRIPE_WEBHOOK_SECRET=\nSENDGRID_API_KEY=\n")
	write(".agileflow/experts/integrations/expertise.yaml", workspaceExpertise)
	count := 2 // the env example and the expertise file
	for num := 0; count < n && err == nil; num++ {
		k := workspaceKinds[0]
		for i, at := 0, num%100; at >= k.share; i++ {
			at -= k.share
			k = workspaceKinds[i+1]
		}
		var b strings.Builder
		switch {
		case strings.Contains(k.head, "%"):
			fmt.Fprintf(&b, k.head, num)
		default:
			b.WriteString(k.head) // a head without verbs: Fprintf would append %!(EXTRA ...)
		}
		for r := range 1 + num%5 {
			fmt.Fprintf(&b, k.body, num*10+r)
		}
		rel := fmt.Sprintf(k.path, num/25, num)
		write(rel, b.String())
		if indexed(rel) {
			count++
		}
	}
	for i := range n / 10 {
		write(fmt.Sprintf("node_modules/dep%d/index.js", i), fmt.Sprintf(jsHead+jsPlainBody, i))
		write(fmt.Sprintf("dist/bundle%d.js", i), fmt.Sprintf(jsHead+jsPlainBody, i))
	}
	return err
}

// IntegrationModule returns a TypeScript integration module of about lines
// lines: API client functions that read env vars and call providers, and a
// webhook handler at the end.
func IntegrationModule(lines int) []byte {
	var src strings.Builder
	src.WriteString(tsClientHead)
	for i := 0; strings.Count(src.String(), "\n") < lines-25; i++ {
		fmt.Fprintf(&src, tsClientBody, i)
	}
	fmt.Fprintf(&src, tsWebhookBody, 0)
	return []byte(src.String())
}
