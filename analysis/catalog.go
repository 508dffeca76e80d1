package analysis

// findProviderUses returns the providers f uses. (Stub: owned by the catalog work.)
func findProviderUses(f *File) []ProviderUse { return nil }

// Catalog reports uncataloged-integration and catalog-unused. (Stub.)
var Catalog = &Analyzer{Name: "catalog", Doc: "keeps the integrations catalog true to the code", Run: func(*Pass) {}}
