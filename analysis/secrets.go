package analysis

// Secrets reports hardcoded-secret. (Stub: owned by the secrets work.)
var Secrets = &Analyzer{Name: "secrets", Doc: "finds hardcoded secrets", Run: func(*Pass) {}}
