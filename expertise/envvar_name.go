package expertise

// IsEnvVarName reports whether s is an env var name as the expertise format
// writes them: UPPER_SNAKE_CASE, starting with a letter.
func IsEnvVarName(s string) bool { return envVarRE.MatchString(s) }
