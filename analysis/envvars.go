package analysis

// findEnvReads returns the environment variables f reads. (Stub: owned by the env-var work.)
func findEnvReads(f *File) []EnvRead { return nil }

// EnvVars reports missing-env-var. (Stub.)
var EnvVars = &Analyzer{Name: "envvars", Doc: "finds env vars documented nowhere", Run: func(*Pass) {}}

// SecretInLog reports secret-in-log. (Stub.)
var SecretInLog = &Analyzer{Name: "secretinlog", Doc: "finds secrets passed to log calls", Run: func(*Pass) {}}
