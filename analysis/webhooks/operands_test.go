package webhooks

import (
	"slices"
	"testing"

	"github.com/expertise-ls/expertise-ls/analysis/knowledge"
)

func TestValueOperand(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"'sha256'", true},
		{"`sha256=${digest}`", false},
		{`"sha256=#{digest}"`, false},
		{`b"PK\x05\x06"`, true},
		{`f"sha256={digest}"`, false},
		{":signature", true},
		{"digest.length * 2", true},
		{"(header || '')", false},
		{"len(mac)", true},
		{"uint32(b)", true},
		{"b.uint32()", true},
		{"id(h1)", true},
		{"sig[0]", true},
		{"signature[offset++]", true},
		{"sigs[i]", true},
		{"headers['x-hub-signature-256']", false},
		{"params[:signature]", false},
		{"sig[:4]", false},
		{"request.headers[SIGNATURE_HEADER]", false},
		{"sig.Format", true},
		{"k.Type()", true},
		{"envelope.sigAlgorithm", true},
		{"expectedCommentLength", false}, // a single name: publicName's
		{"mac.Sum(nil)", false},
		{`r.Header.Get("X-Acme-Signature")`, false},
		{"[]byte(expected)", false},
		{"*sig.IssuerKeyId", true},
	}
	for _, tt := range tests {
		if got := valueOperand(tt.text); got != tt.want {
			t.Errorf("valueOperand(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestPublicName(t *testing.T) {
	imported := func(pkg string) bool { return pkg == "packet" }
	tests := []struct {
		text, family string
		want         bool
	}{
		{"ENCODED_TAG_SEQ", "js", true},
		{"signal.SIGINT", "python", true},
		{"ExtensionSignatureVerificationCode.Success", "js", true},
		{"vsceSign.ExtensionSignatureVerificationCode.Success", "js", true},
		{"forge.pki.oids.messageDigest", "js", true},
		{"packet.SigTypeBinary", "go", true},
		{"msg.Signature", "go", false},
		{"RbNaCl::Signatures::Ed25519::SigningKey", "ruby", true},
		{"Unsigned", "ruby", true},
		{"Unsigned", "js", false},
		{"expectedCommentLength", "js", true},
		{"returnCode", "js", true},
		{"signature", "js", false},
		{"capture.macDigest", "js", false},
		{"@given_digest", "ruby", false},
	}
	for _, tt := range tests {
		if got := publicName(tt.text, tt.family, imported); got != tt.want {
			t.Errorf("publicName(%q, %s) = %v, want %v", tt.text, tt.family, got, tt.want)
		}
	}
}

// TestNamesSignature also says which names name a hash alone (a signature
// only where an HMAC is computed).
func TestNamesSignature(t *testing.T) {
	tests := []struct {
		text           string
		want, hashOnly bool
	}{
		{"req.get('x-acme-sig')", true, false},
		{"capture.macDigest", true, false},
		{"HMACValue", true, false},
		{"@given_digest", true, true},
		{"recapturedDigestB64", true, true},
		{"sigDigest", true, false},
		{"secWSAccept", false, false},
		{"expected", false, false},
		{"design", false, false},
		{"macro", false, false},
	}
	for _, tt := range tests {
		if got := namesSignature(tt.text); got != tt.want {
			t.Errorf("namesSignature(%q) = %v, want %v", tt.text, got, tt.want)
		}
		if got := namesOnlyHash(tt.text); got != tt.hashOnly {
			t.Errorf("namesOnlyHash(%q) = %v, want %v", tt.text, got, tt.hashOnly)
		}
	}
}

// TestIdentWordsSplitsLikeSplitIdentifier keeps the allocation-free word
// reader in step with splitIdentifier on identifiers.
func TestIdentWordsSplitsLikeSplitIdentifier(t *testing.T) {
	for _, name := range []string{"macDigest", "HMACKey", "x_hub_signature_256", "SigTypeKeyRevocation", "getType", "API2Key", "a", "ALL_CAPS"} {
		var got []string
		it := identWords{text: name}
		for w, ok := it.next(); ok; w, ok = it.next() {
			got = append(got, string(w))
		}
		if want := knowledge.SplitIdentifier(name); !slices.Equal(got, want) {
			t.Errorf("identWords(%q) = %q, splitIdentifier = %q", name, got, want)
		}
	}
}
