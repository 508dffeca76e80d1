package knowledge

import "testing"

func TestIsSecretName(t *testing.T) {
	tests := map[string]bool{
		"STRIPE_API_KEY": true, "apiKey": true, "client_secret": true, "authToken": true, "password": true,
		"GITHUB_TOKEN": true, "webhookSecret": true, "APIKey": true, "db.password": true, "privateKey": true,
		"publishableKey": false, "keyId": false, "tokenUrl": false, "sortKey": false, "STRIPE_PUBLISHABLE_KEY": false,
		"author": false, "idempotencyKey": false, "monkey": false, "tokens_count": false, "user": false,
		"AuthError": false, "tokenRenewalOffsetSeconds": false, "authClient": false, "clientSecret": true,
		"tokenManager": false, "passwordHash": false, "signing_key_fingerprint": false, "testKeyECPubX": false,
		"KeyAlgoECDSA256": false, "self.client_secret": true, "commit_sha": false, "": false, "release_key_sha": false, "ManagedIdentityEnvironmentVariableNames.MSI_SECRET": false,
	}
	for name, want := range tests {
		if got := IsSecretName(name); got != want {
			t.Errorf("IsSecretName(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestEnvName(t *testing.T) {
	tests := map[string]string{"stripeApiKey": "STRIPE_API_KEY", "client-secret": "CLIENT_SECRET", "APIKey": "API_KEY", "SLACK_TOKEN": "SLACK_TOKEN", "key2": "KEY2"}
	for in, want := range tests {
		if got := EnvName(in); got != want {
			t.Errorf("EnvName(%q) = %q, want %q", in, got, want)
		}
	}
}
