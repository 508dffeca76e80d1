// Package catalog holds the analyzer that keeps the integrations catalog
// true to the code: uncataloged-integration where code uses a provider
// (its SDK import, its API host, a client file named after it in the
// expertise's client locations) that no catalog entry lists, with the fix
// that adds the entry with the env vars and webhook events the code shows
// (analysis.CatalogEntryFix); and catalog-unused for an entry that no
// indexed file uses.
//
// Where changes go: a new provider, its SDK packages, API hosts and env vars
// are an entry of the knowledge table (analysis/knowledge/providers.yaml),
// never code; how provider uses are found in code is analysis/lexfacts
// (provider_uses.go) and webhook event names lexfacts/webhook_events.go;
// what the catalog fixes write is analysis/fixes_catalog.go with the
// editing in package expertise.
package catalog
