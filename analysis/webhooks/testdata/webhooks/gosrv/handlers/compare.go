package handlers

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"hash/crc32"
	"net/http"
	"os"

	"golang.org/x/crypto/openpgp/packet"
)

// Secret-keyed signatures compared in variable time.

func signAcme(body []byte) []byte {
	mac := hmac.New(sha256.New, []byte(os.Getenv("ACME_WEBHOOK_SECRET")))
	mac.Write(body)
	return mac.Sum(nil)
}

// AcmeSigned compares what a helper of the file computes.
func AcmeSigned(r *http.Request, body []byte) bool {
	expected := hex.EncodeToString(signAcme(body))
	return expected == r.Header.Get("X-Acme-Signature") // want "insecure-signature-compare: signature compared with ==, .*hmac.Equal"
}

// AcmeSignedInline converts the MAC to a string to compare it.
func AcmeSignedInline(r *http.Request, body []byte) bool {
	mac := hmac.New(sha256.New, []byte(os.Getenv("ACME_WEBHOOK_SECRET")))
	mac.Write(body)
	sig, _ := hex.DecodeString(r.Header.Get("X-Acme-Signature"))
	return string(mac.Sum(nil)) == string(sig) // want "insecure-signature-compare: signature compared with ==, .*hmac.Equal"
}

// checkFileSum is RAR5's file checksum: a MAC keyed with the password.
func checkFileSum(sum, want, key []byte) error {
	mac := hmac.New(sha256.New, key)
	mac.Write(sum)
	sum = mac.Sum(sum[:0])
	if !bytes.Equal(sum, want) { // want "insecure-signature-compare: signature compared with bytes.Equal, .*hmac.Equal"
		return errors.New("bad file checksum")
	}
	return nil
}

// Not secret-keyed signatures, though named like one.

const (
	fileHeaderSignature = 0x04034b50
	frameMagic          = "\x28\xb5\x2f\xfd"
)

type envelope struct {
	Sig       struct{ TcId, Format string }
	Signature string
	SigType   packet.SignatureType
	ID        string
	Checksum  uint32
}

// acmeEnvelope verifies a webhook, and on the way compares what describes
// the signature: lengths, single bytes, types, ids, magic numbers.
func acmeEnvelope(r *http.Request, env envelope, body []byte) bool {
	mac := hmac.New(sha256.New, []byte(os.Getenv("ACME_WEBHOOK_SECRET")))
	mac.Write(body)
	digest := mac.Sum(nil)
	sig, _ := hex.DecodeString(r.Header.Get("X-Acme-Signature"))
	if len(sig) != len(digest) || sig[0] != digest[0] {
		return false
	}
	if env.SigType != packet.SigTypeBinary || env.Sig.TcId == env.ID || env.Sig.Format != expectedFormat(digest) {
		return false
	}
	if env.Signature == packet.SignatureV4 {
		return false
	}
	if string(sig[:4]) == frameMagic || crc32.ChecksumIEEE(body) != env.Checksum {
		return false
	}
	return hmac.Equal(sig, digest)
}

func expectedFormat([]byte) string { return "hex" }

// Zip magic numbers and gzip CRCs: no secret anywhere.
func readZipHeader(sig uint32, digest, zDigest uint32) error {
	if sig != fileHeaderSignature || digest != zDigest {
		return errors.New("zip: not a valid zip file")
	}
	return nil
}

// hashHost is a hashed known_hosts entry: an HMAC keyed with a public salt.
func hashHost(hostname string, salt []byte) []byte {
	mac := hmac.New(sha1.New, salt)
	mac.Write([]byte(hostname))
	return mac.Sum(nil)
}

func hostMatches(host string, salt, hash []byte) bool {
	return bytes.Equal(hashHost(host, salt), hash)
}

// tagMatches holds a verdict about a MAC, not a MAC.
func tagMatches(key, msg, tag []byte, want bool) bool {
	hm := hmac.New(sha256.New, key)
	hm.Write(msg)
	sum := hm.Sum(nil)
	got := hmac.Equal(tag, sum)
	return want == got
}
