package analysis

import "testing"

func TestPlaceKind(t *testing.T) {
	for _, c := range []struct {
		words []string
		want  string
	}{
		{[]string{"webhooks", "Inbound webhook handlers", "src/integrations/webhooks/"}, PlaceWebhooks},
		{[]string{"routes", "Next.js route handlers", "app/api/webhooks/"}, PlaceWebhooks},
		{[]string{"clients", "API clients, one module per provider", "src/integrations/clients/"}, PlaceClients},
		{[]string{"API client", "One client per provider"}, PlaceClients},
		{[]string{"models", "Rapid prototypes of capital accounts", "src/models/"}, ""},
	} {
		if got := placeKind(c.words...); got != c.want {
			t.Errorf("placeKind(%q) = %q, want %q", c.words, got, c.want)
		}
	}
}
