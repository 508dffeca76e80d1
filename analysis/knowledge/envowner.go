package knowledge

import (
	"slices"
	"strings"
)

// ProviderOfEnvVar returns the provider that name belongs to: one that lists
// it, else one whose env prefix it carries (STRIPE_PRICE_ID -> stripe).
func (k *Table) ProviderOfEnvVar(name string) *Provider {
	for _, p := range k.Providers {
		if slices.Contains(p.EnvVars, name) {
			return p
		}
	}
	for _, p := range k.Providers {
		if p.HasEnvPrefix(name) {
			return p
		}
	}
	return nil
}

// HasEnvPrefix reports whether name starts with the provider's id or name in
// UPPER_SNAKE_CASE and an underscore: COINBASE_COMMERCE_ for id
// coinbase-commerce, LEMON_SQUEEZY_ for the name Lemon Squeezy.
func (p *Provider) HasEnvPrefix(name string) bool {
	for _, s := range []string{p.ID, p.Name} {
		if prefix := upperSnake(s) + "_"; len(prefix) > 1 && strings.HasPrefix(name, prefix) {
			return true
		}
	}
	return false
}

// upperSnake upper-cases s and turns every run of other characters than
// ASCII letters and digits into one underscore, trimmed at the ends.
func upperSnake(s string) string {
	var b strings.Builder
	gap := false
	for _, r := range strings.ToUpper(s) {
		if r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			if gap && b.Len() > 0 {
				b.WriteByte('_')
			}
			b.WriteRune(r)
			gap = false
			continue
		}
		gap = true
	}
	return b.String()
}
