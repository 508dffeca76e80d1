package analysis

// HookFacts are a file's webhook-related declarations. (Stub: owned by the webhook work.)
type HookFacts struct{}

func (h HookFacts) equal(o HookFacts) bool { return true }

// findHookFacts extracts f's webhook-related declarations.
func findHookFacts(f *File, cfg *Config) HookFacts { return HookFacts{} }

// Webhooks reports unverified-webhook. (Stub.)
var Webhooks = &Analyzer{Name: "webhooks", Doc: "finds webhook handlers that do not verify signatures", Run: func(*Pass) {}}

// SignatureCompare reports insecure-signature-compare. (Stub.)
var SignatureCompare = &Analyzer{Name: "signaturecompare", Doc: "finds signatures compared in variable time", Run: func(*Pass) {}}

// RawBody reports webhook-raw-body. (Stub.)
var RawBody = &Analyzer{Name: "rawbody", Doc: "finds signatures verified over re-serialised bodies", Run: func(*Pass) {}}
