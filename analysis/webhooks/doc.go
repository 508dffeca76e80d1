// Package webhooks holds the three analyzers of inbound webhook handlers:
// unverified-webhook (a handler that never verifies the sender's signature),
// insecure-signature-compare (an HMAC compared in variable time) and
// webhook-raw-body (a signature verified over a parsed, re-serialised body).
//
// They share one reading of a file (scan.go, hookFile): lexical scans for
// the knowledge table's verification calls, route words and body parsers
// first (vocab.go, words.go), the parse tree only around what the scans find.
// What one file tells the judging of another (verifying helpers it defines,
// routes whose handler lives elsewhere, routers mounted after a JSON body
// parser) is a declared fact, HookFacts (facts.go), which the index computes
// for every file and views.go gathers per language family.
//
// Files: webhooks.go (the analyzers), handlers.go (candidate handlers),
// jsroutes.go, pyroutes.go, goroutes.go, rbroutes.go (each language's route
// and framework shapes), routes.go (routes and mounts across files),
// judge.go (is it a webhook, does it verify), compare.go, operands.go,
// assign.go, macflow.go (insecure-signature-compare: where MACs flow and
// what an operand is), rawbody.go (webhook-raw-body).
//
// Where changes go: a new provider (its signature header, SDK verification
// call per language, path words) is an entry of the knowledge table
// (analysis/knowledge/providers.yaml), never code; a new framework's routes
// go in the route finder of its language (jsroutes.go, ...), with a fixture
// in testdata/webhooks; a new way of verifying (a helper shape, a
// middleware) goes in judge.go or routes.go; a new webhook rule is one more
// Analyzer in webhooks.go, listed in analysis/checks.
package webhooks
