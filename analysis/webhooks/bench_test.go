package webhooks

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/syntax"
)

// webhookBlock is 50 lines of an Express server: a verified Stripe handler,
// an unverified one, an HMAC compared with !==, an ordinary route and helpers.
const webhookBlock = `
app.post('/webhooks/stripe%[1]d', express.raw({ type: 'application/json' }), (req, res) => {
  const sig = req.headers['stripe-signature'] as string;
  const event = stripe.webhooks.constructEvent(req.body, sig, process.env.STRIPE_WEBHOOK_SECRET!);
  res.json({ received: event.id });
});

app.post('/webhooks/legacy%[1]d', async (req, res) => {
  const event = req.body;
  await fulfill%[1]d(event.data.object);
  res.sendStatus(200);
});

app.post('/hooks/shopify%[1]d', express.raw({ type: 'application/json' }), (req, res) => {
  const hmac = req.headers['x-shopify-hmac-sha256'];
  const digest = crypto.createHmac('sha256', secret).update(req.body).digest('base64');
  if (digest !== hmac) {
    return res.sendStatus(401);
  }
  res.sendStatus(200);
});

app.post('/orders%[1]d', (req, res) => {
  const total = req.body.items.reduce((sum: number, i: { price: number }) => sum + i.price, 0);
  res.json({ total });
});

async function fulfill%[1]d(order: unknown) {
  const rows = await db.query('select * from orders where id = $1', [order]);
  for (const row of rows) {
    if (row.status === 'paid') {
      continue;
    }
    await db.update(row.id, { status: 'paid' });
  }
}

export function summarize%[1]d(items: { price: number; qty: number }[]) {
  let total = 0;
  for (const item of items) {
    total += item.price * item.qty;
  }
  return { total, count: items.length };
}
`

// plainBlock is 50 lines of TypeScript without any webhook keyword.
const plainBlock = `
export function total%[1]d(items: { price: number; qty: number }[]) {
  let sum = 0;
  for (const item of items) {
    sum += item.price * item.qty;
  }
  return sum;
}

export class Cart%[1]d {
  private items: { price: number; qty: number }[] = [];
  add(price: number, qty: number) {
    this.items.push({ price, qty });
    return this;
  }
  clear() {
    this.items = [];
  }
  get size() {
    return this.items.length;
  }
  get total() {
    return total%[1]d(this.items);
  }
}

export const format%[1]d = (n: number) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(n);

export async function load%[1]d(id: string) {
  const res = await fetch('/api/carts/' + id);
  if (!res.ok) {
    throw new Error('cart ' + id + ' not found');
  }
  const data = await res.json();
  return data.items.map((i: { price: number; qty: number }) => ({ ...i }));
}

export function merge%[1]d(a: Cart%[1]d, b: Cart%[1]d) {
  const out = new Cart%[1]d();
  for (const c of [a, b]) {
    out.add(c.total, 1);
  }
  return out;
}
`

// generate writes blocks of each of the given block kinds, interleaved.
func generate(blocks int, kinds ...string) []byte {
	var b strings.Builder
	b.WriteString("import express from 'express';\nimport crypto from 'crypto';\n")
	for i := range blocks {
		fmt.Fprintf(&b, kinds[i%len(kinds)], i)
	}
	return []byte(b.String())
}

var webhookAnalyzers = []*analysis.Analyzer{Webhooks, SignatureCompare, RawBody}

func benchAnalyzers(b *testing.B, content []byte, parsed bool) {
	root := b.TempDir()
	path := filepath.Join(root, "src", "server.ts")
	ix := analysis.NewIndex(root, nil, webhookAnalyzers...)
	ix.Update(path, content)
	var tree *syntax.Tree
	if parsed {
		tree = syntax.Parse(syntax.TypeScript, content)
		defer tree.Close()
	}
	b.SetBytes(int64(len(content)))
	b.ReportAllocs()
	for b.Loop() {
		f := analysis.NewFile(root, path, syntax.TypeScript, content, tree)
		if _, err := analysis.RunAnalyzers(ix, f, webhookAnalyzers, analysis.NoFixes); err != nil {
			b.Fatal(err)
		}
		f.Release()
	}
}

// BenchmarkWebhookAnalyzers runs the three webhook analyzers on 1,000-line
// TypeScript files, with the tree already parsed (as the language server has
// it after an incremental reparse) and with the parse included: "several"
// has 16 routes (4 verified by SDK, 4 unverified, 4 with an HMAC compared
// with !==, 4 ordinary), "dense" 80 routes, "no-webhooks" none.
func BenchmarkWebhookAnalyzers(b *testing.B) {
	several := generate(20, webhookBlock, plainBlock, plainBlock, plainBlock, plainBlock)
	dense := generate(20, webhookBlock)
	b.Run("several/parsed", func(b *testing.B) { benchAnalyzers(b, several, true) })
	b.Run("several/with-parse", func(b *testing.B) { benchAnalyzers(b, several, false) })
	b.Run("dense/parsed", func(b *testing.B) { benchAnalyzers(b, dense, true) })
	b.Run("dense/with-parse", func(b *testing.B) { benchAnalyzers(b, dense, false) })
	b.Run("no-webhooks/with-parse", func(b *testing.B) { benchAnalyzers(b, generate(20, plainBlock), false) })
}

// BenchmarkFindHookFacts extracts the webhook facts of a generated workspace
// of 1,000 files: 5% with handlers and verifiers, the rest ordinary code.
func BenchmarkFindHookFacts(b *testing.B) {
	var files []*analysis.File
	for i := range 1000 {
		block := plainBlock
		if i%20 == 0 {
			block = webhookBlock
		}
		path := fmt.Sprintf("/ws/src/mod%d/file%d.ts", i/50, i)
		files = append(files, analysis.NewFile("/ws", path, syntax.TypeScript, generate(4, block), nil))
	}
	cfg := analysis.DefaultConfig()
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range files {
			findHookFacts(f, cfg)
			f.Release()
		}
	}
}
