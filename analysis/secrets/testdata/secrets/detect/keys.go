// Package keys is a fixture: commerce and cloud keys in Go. All values are fake.
package keys

import (
	"fmt"
	"os"
)

// Shopify.
const shopifyToken = "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" // want "Shopify access token hardcoded \\(shpa…\\); read it from the environment \\(SHOPIFY_ACCESS_TOKEN\\)"
const shopifyTokenDocs = "shpat_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"

// Square access tokens and OAuth secret.
var squareToken = "EAAA-R-TofMkkMLIh8Rvx2bKVWQK_s7R4yAga3KrDBauoZOG4EdZsQ2hIFZj6aWK" // want "Square access token hardcoded \\(EAAA…\\)"
var squareTokenDocs = "EAAAEXAMPLE"
var squareLegacy = "sq0atp-0sKWtv5ZkIwrXdLi87mvX6" // want "Square access token hardcoded \\(sq0a…\\)"
var squareLegacyDocs = "sq0atp-<your-access-token>"
var squareOAuth = "sq0csp-aE5ZwVwAf97GAIpNwKJ7AYivWV72jWUdxURSRvRxL_v" // want "Square OAuth secret hardcoded \\(sq0c…\\)"
var squareOAuthTooShort = "sq0csp-abc"

// Secret-named literals.
type Config struct {
	APIKey string
	Name   string
}

var cfg = Config{APIKey: "dji9Q3AaSMpi12c6TaIQR6SZE53n5N7NtlXB", Name: "billing"} // want "Secret hardcoded in APIKey"
var cfgFromEnv = Config{APIKey: os.Getenv("BILLING_API_KEY")}

func connect() {
	password := "Kok6CPZrbrzRaOV7uqGK" // want "Secret hardcoded in password"
	passwordHash := "2021da3fd85efb3ba01fa5d004c011856deaefbc1e955680fe6902e04f507b26"
	var authToken string = "R08qzjI6GKFSufrdZSlB5er8bOfZqf" // want "Secret hardcoded in authToken"
	fmt.Println(password, passwordHash, authToken)
}

// A private key block in a raw string; a PEM header alone is not a key.
// want+1 "Private key hardcoded \\(----…\\); read it from the environment \\(PRIVATE_KEY\\)"
var signingKey = `-----BEGIN RSA PRIVATE KEY-----
FCGeMq8gAf0efBQ/zEymbpLI/R+yoOQ4d2P5FCLriBT/xSpzGrG9KLDpICvL36QC
C7vGZDakVmINPFNP81jySqCrTd1AbLmFl25WmKKHSOKuU3e7RDu4rKuBXKLhwuyw
BcLH2XEHueIoWcuHWXLr7j/ROCYbB07Nwyc0bn4A7t+OPDSEKzqBm13V22+waI6j
FmfTDf4hquzyvKl+CKa7531i+4IWWwFr+ygo4oGe4lOWU6YMC6lIBkqnx/7iaXIw
j8bdw/x4XCfLswwkhJg66AAhhbWGZOhivOto7lp0sTmJxLK3PVYL9UfDwjQ+HYQX
APCiP79+VeUK6ns2SImPx01SXulpGybKw+dczVfG/vCaRHW8kZC67FwNZk+/jkF2
6I+5hI1jwXEzjVBCCR4Axj15VC3lrs+Dz/EJHFdU3FfY0j8IwXR9jQPeitN1KFVA
d2H6U7UFvKB+7CQYu20eb6QRukj52eCPKFzR2HYUVkz5BTFMDnRlvesLTXKj5FSD
ZF5z2gqxGCxO/MVnL5RKkkk9vroteLxet5MtxKng+60K40+N46UvGi/CfUXXmTz6
jaqY517tJZBRhoMdvHUQwrBpv15UkMHYt/chInnC5m4CTwW7DqV+2OeS7bHCGJRY
nKq0r6XD5ZbCPAz9iSwk/hXTbnOfGrU4rgnaCucD6ZchdIFIzcLiSfICYeINSU1o
pCr9WJr3K3pQFYhQyXHm/QxM9TWsAnxWHpxnBFrtim/uXVEP2slVZ+2PSt6BneDJ
nbwqwe/B2nXT8eUfpyTjhVRgVwIIGA2y
-----END RSA PRIVATE KEY-----`

const pemHeader = "-----BEGIN RSA PRIVATE KEY-----"
