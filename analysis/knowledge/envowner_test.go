package knowledge

import "testing"

// TestHasEnvPrefix checks the env prefixes of a provider: its id and its
// name in UPPER_SNAKE_CASE, followed by an underscore.
func TestHasEnvPrefix(t *testing.T) {
	tests := []struct {
		provider, name string
		want           bool
	}{
		{"stripe", "STRIPE_PRICE_ID", true},
		{"stripe", "STRIPEY_THING", false},
		{"stripe", "STRIPE", false},
		{"coinbase-commerce", "COINBASE_COMMERCE_ACCOUNT", true},
		{"lemonsqueezy", "LEMONSQUEEZY_STORE_ID", true},
		{"lemonsqueezy", "LEMON_SQUEEZY_STORE_ID", true},
		{"google", "GOOGLE_CLOUD_REGION", true},
		{"svix", "STANDARD_WEBHOOKS_SVIX_SECRET", true},
		{"github", "GIT_HUB_TOKEN", false},
	}
	for _, tt := range tests {
		if got := Get().Provider(tt.provider).HasEnvPrefix(tt.name); got != tt.want {
			t.Errorf("HasEnvPrefix(%s, %s) = %v, want %v", tt.provider, tt.name, got, tt.want)
		}
	}
}
