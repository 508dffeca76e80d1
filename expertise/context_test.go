package expertise

import (
	"strings"
	"testing"
)

func TestPositionAt(t *testing.T) {
	const doc = "domain: integrations\n" +
		"files:\n  webhooks:\n    - path: src/we|1\n" +
		"integrations_catalog:\n  payment:\n    - name: Str|2\n      env_vars: [STRIPE_API_KEY, ST|3\n" +
		"    - name: PayPal\n      env_vars:\n        - PAY|4\n" +
		"la|5\n"
	for _, c := range []struct {
		mark, keys, key, word string
	}{
		{"|1", "files/webhooks", "path", "src/we"},
		{"|2", "integrations_catalog/payment", "name", "Str"},
		{"|3", "integrations_catalog/payment", "env_vars", "ST"},
		{"|4", "integrations_catalog/payment", "env_vars", "PAY"},
		{"|5", "", "", "la"},
	} {
		i := strings.Index(doc, c.mark)
		content := strings.NewReplacer("|1", "", "|2", "", "|3", "", "|4", "", "|5", "").Replace(doc[:i])
		p := PositionAt([]byte(content), len(content))
		if got := strings.Join(p.Keys, "/"); got != c.keys || p.Key != c.key || p.Word != c.word || content[p.WordStart:] != c.word {
			t.Errorf("at %s: keys %q key %q word %q; want %q %q %q", c.mark, got, p.Key, p.Word, c.keys, c.key, c.word)
		}
	}
}
