package secrets

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/syntax"
)

// realisticTS returns about lines lines of TypeScript as an API service
// writes it: imports, types, handlers reading tokens and keys from requests
// and the environment, React-style keys, logging, comments. One in every
// 250 lines holds a hardcoded secret (built here, not written in the file).
func realisticTS(lines int) []byte {
	fake := "sk_" + "live_" + strings.Repeat("4eZq9XwB2vTr7YpN", 6)
	chunk := []string{
		`import { Request, Response, NextFunction } from "express";`,
		`import { createHmac, timingSafeEqual } from "crypto";`,
		`// Handler %d: looks up the session token and the API key of the caller.`,
		`export interface Session%d { id: string; userId: string; token: string; expiresAt: number }`,
		`export async function handler%d(req: Request, res: Response, next: NextFunction) {`,
		`  const token = req.headers["authorization"]?.replace("Bearer ", "") ?? "";`,
		`  const apiKey = process.env.PAYMENTS_API_KEY;`,
		`  if (!token || !apiKey) { return res.status(401).json({ error: "missing credentials" }); }`,
		`  const session = await sessions.find({ token, key: "session:" + req.params.id });`,
		`  logger.info("session %d loaded", { userId: session.userId, keyId: session.keyId });`,
		`  const items = session.items.map((item) => ({ key: item.id, label: item.name, price: item.amount / 100 }));`,
		`  const signature = createHmac("sha256", process.env.WEBHOOK_SECRET ?? "").update(req.body).digest("hex");`,
		`  if (!timingSafeEqual(Buffer.from(signature), Buffer.from(String(req.headers["x-signature"])))) {`,
		`    return res.status(400).send("bad signature");`,
		`  }`,
		`  const cacheKey = "cart:" + session.userId + ":" + req.params.id;`,
		`  await cache.set(cacheKey, JSON.stringify(items), { ttl: 3600 });`,
		`  const auth = { strategy: "jwt", header: "Authorization", tokenType: "Bearer" };`,
		`  return res.json({ items, auth, total: items.reduce((sum, item) => sum + item.price, 0) });`,
		`}`,
		``,
	}
	var b strings.Builder
	for n := 0; n < lines; {
		for _, l := range chunk {
			if strings.Contains(l, "%d") {
				l = fmt.Sprintf(l, n)
			}
			b.WriteString(l)
			b.WriteByte('\n')
			n++
			if n%250 == 0 {
				fmt.Fprintf(&b, "const stripeKey%d = %q;\n", n, fake)
				n++
			}
		}
	}
	return []byte(b.String())
}

func benchmarkSecrets(b *testing.B, content []byte) {
	root := b.TempDir()
	path := filepath.Join(root, "src", "handlers.ts")
	ix := analysis.NewIndex(root, nil)
	found := 0
	b.SetBytes(int64(len(content)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		// A new File each time, as the driver makes one per version of a file.
		f := analysis.NewFile(root, path, syntax.TypeScript, content, nil)
		pass := analysis.NewPass(Secrets, f, ix, ix.Config(), analysis.NoFixes, func(analysis.Diagnostic) { found++ })
		Secrets.Run(pass)
	}
	if found == 0 {
		b.Fatal("no secret found in the benchmark file")
	}
}

// BenchmarkSecrets runs the analyzer over a realistic 1,000-line TypeScript
// file (about 69 KB) and over a 500 KB one.
func BenchmarkSecrets(b *testing.B) {
	b.Run("1000-lines", func(b *testing.B) { benchmarkSecrets(b, realisticTS(1000)) })
	b.Run("500KB", func(b *testing.B) {
		content := realisticTS(1000)
		for len(content) < 500<<10 {
			content = append(content, realisticTS(1000)...)
		}
		benchmarkSecrets(b, content[:500<<10])
	})
}
