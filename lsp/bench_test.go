package lsp

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/expertise-ls/expertise-ls/internal/lsptest"
)

// BenchmarkSaveToDiagnostics measures what a user waits for after saving: a
// 1,000-line TypeScript integration module is open; each iteration edits one
// character, saves, and waits for the publishDiagnostics of that version.
// It reports the latency from the editor's save to the publication (p50,
// p90). The plaintext case saves the same text as a .txt file, which the
// index does not track and the analyzers barely read: the floor that
// transport, scheduling and conversion cost. The fulltext cases are the
// same with a client that sends the whole text on every change.
//
//	go test -run '^$' -bench SaveToDiagnostics -benchtime 300x ./lsp/
func BenchmarkSaveToDiagnostics(b *testing.B) {
	for _, rel := range []string{"src/integrations/payments.ts", "notes/payments.txt"} {
		name := map[bool]string{true: "typescript", false: "plaintext"}[strings.HasSuffix(rel, ".ts")]
		b.Run(name, func(b *testing.B) { benchmarkSave(b, rel, lsptest.Options{}) })
	}
	b.Run("typescript-fulltext", func(b *testing.B) {
		benchmarkSave(b, "src/integrations/payments.ts", lsptest.Options{FullText: true})
	})
	b.Run("plaintext-fulltext", func(b *testing.B) {
		benchmarkSave(b, "notes/payments.txt", lsptest.Options{FullText: true})
	})
}

func benchmarkSave(b *testing.B, rel string, opts lsptest.Options) {
	_, e := startSession(b, opts)
	e.WriteFile(".env.example", "STRIPE_SECRET_KEY=\nSTRIPE_WEBHOOK_SECRET=\nSENDGRID_API_KEY=\n")
	e.WriteFile(rel, integrationModule(1000))
	e.OpenFile(rel)
	e.AwaitDiagnostics(rel, "the first judgement", func(p lsptest.Publication) bool { return p.Version == 1 })
	at := strings.Index(e.Text(rel), "// tick: a") + len("// tick: ")

	latencies := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		e.EditFile(rel, lsptest.Edit{Start: at, End: at + 1, Text: string("ab"[i%2])})
		v := e.Version(rel)
		start := time.Now()
		e.SaveFile(rel)
		e.AwaitDiagnostics(rel, "the saved version", func(p lsptest.Publication) bool { return p.Version == v })
		latencies = append(latencies, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(latencies)
	b.ReportMetric(float64(latencies[len(latencies)*50/100]), "p50-ns")
	b.ReportMetric(float64(latencies[len(latencies)*90/100]), "p90-ns")
	b.ReportMetric(float64(latencies[len(latencies)*99/100]), "p99-ns")
}

// integrationModule returns about n lines of TypeScript of the kind the
// analyzers look at: SDK imports, env reads, fetch calls to provider APIs, a
// webhook handler that verifies signatures, log calls and plenty of strings.
func integrationModule(n int) string {
	var b strings.Builder
	b.WriteString(`import Stripe from "stripe";
import express, { Request, Response } from "express";
import sgMail from "@sendgrid/mail";
import { logger } from "../lib/logger";

// tick: a
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY ?? "", { apiVersion: "2024-06-20" });
const webhookSecret = process.env.STRIPE_WEBHOOK_SECRET;
sgMail.setApiKey(process.env.SENDGRID_API_KEY!);
export const router = express.Router();

`)
	for i := 0; strings.Count(b.String(), "\n") < n-40; i++ {
		fmt.Fprintf(&b, `/** Charges customer #%[1]d and mails the receipt. */
export async function chargeAndNotify%[1]d(customerId: string, amountCents: number): Promise<string> {
  const intent = await stripe.paymentIntents.create({
    amount: amountCents,
    currency: "eur",
    customer: customerId,
    metadata: { flow: "checkout-%[1]d", note: "Crème brûlée order" },
  });
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

`, i)
	}
	b.WriteString(`router.post("/webhooks/stripe", express.raw({ type: "application/json" }), (req: Request, res: Response) => {
  const signature = req.headers["stripe-signature"] as string;
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(req.body, signature, webhookSecret!);
  } catch (err) {
    logger.warn("stripe webhook rejected", { reason: (err as Error).message });
    res.status(400).send("bad signature");
    return;
  }
  switch (event.type) {
    case "payment_intent.succeeded":
      logger.info("payment succeeded", { id: event.id });
      break;
    case "charge.refunded":
      logger.info("charge refunded", { id: event.id });
      break;
    default:
      logger.debug("unhandled stripe event", { type: event.type });
  }
  res.json({ received: true });
});
`)
	return b.String()
}

// BenchmarkColdOpen measures opening a file of about 500 KB that the server
// has not seen (a new name each iteration): didOpen to its first
// publishDiagnostics, every analyzer included. The webhook case ends with a
// verified Stripe handler, which the webhook analyzers judge on the parse
// tree; the client case is the same file without it, which no analyzer
// needs a tree for.
//
//	go test -run '^$' -bench ColdOpen -benchtime 20x ./lsp/
func BenchmarkColdOpen(b *testing.B) {
	withHook := integrationModule(12500)
	client := withHook[:strings.Index(withHook, "router.post(")]
	for name, text := range map[string]string{"webhook": withHook, "client": client} {
		b.Run(name, func(b *testing.B) { benchmarkColdOpen(b, text) })
	}
}

func benchmarkColdOpen(b *testing.B, text string) {
	_, e := startSession(b, lsptest.Options{})
	e.WriteFile(".env.example", "STRIPE_SECRET_KEY=\nSTRIPE_WEBHOOK_SECRET=\nSENDGRID_API_KEY=\n")
	b.SetBytes(int64(len(text)))
	latencies := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		rel := fmt.Sprintf("src/integrations/big%d.ts", i)
		b.StopTimer()
		e.WriteFile(rel, text)
		b.StartTimer()
		start := time.Now()
		e.OpenFile(rel)
		e.AwaitDiagnostics(rel, "the first judgement", func(p lsptest.Publication) bool { return p.Version == 1 })
		latencies = append(latencies, time.Since(start))
		b.StopTimer()
		e.CloseFile(rel)
		b.StartTimer()
	}
	b.StopTimer()
	slices.Sort(latencies)
	b.ReportMetric(float64(latencies[len(latencies)/2]), "p50-ns")
	b.ReportMetric(float64(len(text))/1e3, "KB")
}
