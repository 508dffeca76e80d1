package knowledge

import (
	"testing"
)

func TestKnowledgeLoads(t *testing.T) {
	k, err := parseTable(providersYAML)
	if err != nil {
		t.Fatal(err)
	}
	if k.Provider("stripe") == nil || k.ProviderByName("SendGrid") == nil {
		t.Fatal("stripe or SendGrid missing")
	}
	for _, tok := range k.Tokens() {
		if tok.Regexp == nil || len(tok.Keywords) == 0 || tok.Name == "" {
			t.Errorf("token %s incomplete", tok.ID)
		}
	}
	for _, fam := range []string{"js", "python", "go", "ruby"} {
		lf := k.Language(fam)
		if lf == nil || lf.RecommendedCompare == "" || lf.IgnoreComment == "" {
			t.Errorf("language %s incomplete", fam)
		}
	}
	if !k.IsPlatformEnvVar("NODE_ENV") || k.IsPlatformEnvVar("STRIPE_API_KEY") {
		t.Error("platform env vars wrong")
	}
}

func TestMatchCall(t *testing.T) {
	tests := []struct {
		callee, name string
		want         bool
	}{
		{"stripe.webhooks.constructEvent", "webhooks.constructEvent", true},
		{"webhooks.constructEvent", "webhooks.constructEvent", true},
		{"Stripe::Webhook.construct_event", "Webhook.construct_event", true},
		{"mywebhooks.constructEvent", "webhooks.constructEvent", false},
		{"Foo::Rack::Utils.secure_compare", "Rack::Utils.secure_compare", true},
	}
	for _, tt := range tests {
		if got := MatchCall(tt.callee, tt.name); got != tt.want {
			t.Errorf("MatchCall(%q, %q) = %v", tt.callee, tt.name, got)
		}
	}
}
