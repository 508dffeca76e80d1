package knowledge

import (
	_ "embed"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

//go:embed providers.yaml
var providersYAML []byte

// Table is the embedded table of provider and language facts that every
// analyzer and code action reads (see providers.yaml).
type Table struct {
	Providers       []*Provider               `yaml:"providers"`
	GenericTokens   []*TokenShape             `yaml:"generic_tokens"`
	Languages       map[string]*LanguageFacts `yaml:"languages"`
	PlatformEnvVars []*PlatformEnvGroup       `yaml:"platform_env_vars"`
	FileRoles       fileRoles                 `yaml:"file_roles"`
	EnvSchemas      envSchemas                `yaml:"env_schemas"`
	EnvExempt       envExempt                 `yaml:"env_exempt"`
	SecretNames     secretNames               `yaml:"secret_names"`
	SecretPolicy    secretPolicy              `yaml:"secret_policy"`

	byID     map[string]*Provider
	platform map[string]*PlatformEnvGroup // exact names
	prefixes []platformPrefix
}

// secretNames are the words of identifiers that name a secret, and those
// that make a secret-sounding name harmless (see IsSecretName).
type secretNames struct {
	Words          []string `yaml:"words"`
	NotSecretWords []string `yaml:"not_secret_words"`
	RoleWords      []string `yaml:"role_words"`
	LookupKeyWords []string `yaml:"lookup_key_words"` // before "key": sort_key, cache_key
}

// PlatformEnvGroup is a set of variables that a runtime, framework or
// platform sets, with the reason they need no documentation.
type PlatformEnvGroup struct {
	Reason string   `yaml:"reason"`
	Names  []string `yaml:"names"`  // a trailing "*" makes a prefix
	Paths  []string `yaml:"paths"`  // when set, only for files under these workspace-relative folders
	Except []string `yaml:"except"` // names a prefix matches that the project must document all the same
}

type platformPrefix struct {
	prefix string
	group  *PlatformEnvGroup
}

// Provider is one third-party service.
type Provider struct {
	ID           string              `yaml:"id"`
	Name         string              `yaml:"name"`
	Category     string              `yaml:"category"`
	Packages     map[string][]string `yaml:"packages"` // language family -> package/module names
	APIHosts     []string            `yaml:"api_hosts"`
	EnvVars      []string            `yaml:"env_vars"`
	SecretEnvVar string              `yaml:"secret_env_var"`
	Tokens       []*TokenShape       `yaml:"tokens"`
	Webhook      *WebhookSpec        `yaml:"webhook"`
	// SDKRetries says how the provider's SDKs retry on their own, as a
	// message shows it; empty when they do not (or it is not known).
	SDKRetries string `yaml:"sdk_retries"`
}

// TokenShape is the shape of one kind of secret token.
type TokenShape struct {
	ID           string   `yaml:"id"`
	Name         string   `yaml:"name"`
	Pattern      string   `yaml:"pattern"`
	Keywords     []string `yaml:"keywords"`      // lowercase; one must occur in the file before Pattern runs
	ContextWords []string `yaml:"context_words"` // when set, one must occur on the token's line
	TestMode     string   `yaml:"test_mode"`     // a match containing this is a test-mode key
	Example      string   `yaml:"example"`       // RE2 matching the provider's documented example values
	MinEntropy   float64  `yaml:"min_entropy"`
	EnvVar       string   `yaml:"env_var"`
	Unprefixed   bool     `yaml:"unprefixed"` // no fixed prefix: reported only in the project's own source

	Provider  *Provider      `yaml:"-"` // nil for generic tokens
	Regexp    *regexp.Regexp `yaml:"-"`
	ExampleRe *regexp.Regexp `yaml:"-"`
}

// WebhookSpec says how a provider's inbound webhooks are recognised and verified.
type WebhookSpec struct {
	Headers      []string            `yaml:"headers"`    // lowercase header names
	PathWords    []string            `yaml:"path_words"` // words in a route path or file path naming the provider
	RawBody      bool                `yaml:"raw_body"`   // verification needs the raw request body
	SecretEnvVar string              `yaml:"secret_env_var"`
	Verify       map[string][]string `yaml:"verify"`        // language family -> verification calls
	UnsafeVerify map[string][]string `yaml:"unsafe_verify"` // calls that verify without replay protection
	VerifyHint   map[string]string   `yaml:"verify_hint"`   // language family -> the verification call as a message shows it
	// Redelivers names what to deduplicate redelivered events on, as a
	// message shows it ("event.id", "the svix-id header"); empty when the
	// provider does not redeliver on its own (GitHub redelivers only on request).
	Redelivers string `yaml:"redelivers"`
}

// LanguageFacts is what verifying, comparing, reading the body and logging look like in one language family.
type LanguageFacts struct {
	ConstantTimeCompare []string `yaml:"constant_time_compare"`
	RecommendedCompare  string   `yaml:"recommended_compare"`
	VariableTimeCompare []string `yaml:"variable_time_compare"` // calls that compare in variable time (bytes.Equal)
	HMAC                []string `yaml:"hmac"`
	SignatureVerify     []string `yaml:"signature_verify"` // calls that verify a signature on their own (asymmetric keys)
	Reserialize         []string `yaml:"reserialize"`      // calls that turn parsed data back into text
	RawBody             []string `yaml:"raw_body"`
	JSONBody            []string `yaml:"json_body"`
	Log                 []string `yaml:"log"`
	// HTTPCalls are the calls that send an HTTP request by hand;
	// RetryingHTTPCalls those among them whose library retries by default
	// (got, ky).
	HTTPCalls         []string `yaml:"http_calls"`
	RetryingHTTPCalls []string `yaml:"retrying_http_calls"`
	IgnoreComment     string   `yaml:"ignore_comment"`
}

var table = sync.OnceValues(func() (*Table, error) { return parseTable(providersYAML) })

// Get returns the embedded knowledge table. It panics if the embedded
// table is malformed, which TestKnowledgeLoads prevents from ever shipping.
func Get() *Table {
	k, err := table()
	if err != nil {
		panic(err)
	}
	return k
}

func parseTable(data []byte) (*Table, error) {
	var k Table
	if err := yaml.Unmarshal(data, &k); err != nil {
		return nil, fmt.Errorf("providers.yaml: %w", err)
	}
	k.byID = make(map[string]*Provider, len(k.Providers))
	for _, p := range k.Providers {
		if p.ID == "" || p.Name == "" || p.Category == "" {
			return nil, fmt.Errorf("providers.yaml: provider %q needs id, name and category", p.ID)
		}
		if k.byID[p.ID] != nil {
			return nil, fmt.Errorf("providers.yaml: duplicate provider id %q", p.ID)
		}
		k.byID[p.ID] = p
		for _, t := range p.Tokens {
			t.Provider = p
		}
	}
	for _, t := range k.Tokens() {
		re, err := regexp.Compile(t.Pattern)
		if err != nil {
			return nil, fmt.Errorf("providers.yaml: token %s: %w", t.ID, err)
		}
		t.Regexp = re
		if t.Example != "" {
			if t.ExampleRe, err = regexp.Compile(t.Example); err != nil {
				return nil, fmt.Errorf("providers.yaml: token %s example: %w", t.ID, err)
			}
		}
		for i, kw := range t.Keywords {
			t.Keywords[i] = strings.ToLower(kw)
		}
	}
	k.platform = map[string]*PlatformEnvGroup{}
	for _, g := range k.PlatformEnvVars {
		if g.Reason == "" {
			return nil, fmt.Errorf("providers.yaml: platform_env_vars group %v needs a reason", g.Names)
		}
		if len(g.Paths) > 0 {
			continue // judged per file by PlatformEnvVar
		}
		for _, n := range g.Names {
			if p, ok := strings.CutSuffix(n, "*"); ok {
				k.prefixes = append(k.prefixes, platformPrefix{p, g})
			} else {
				k.platform[n] = g
			}
		}
	}
	k.FileRoles.prepare()
	if err := k.EnvSchemas.prepare(); err != nil {
		return nil, fmt.Errorf("providers.yaml: env_schemas: %w", err)
	}
	return &k, nil
}

// Provider returns the provider with the given id, or nil.
func (k *Table) Provider(id string) *Provider { return k.byID[id] }

// Tokens returns every token shape: the providers' and the generic ones.
func (k *Table) Tokens() []*TokenShape {
	var out []*TokenShape
	for _, p := range k.Providers {
		out = append(out, p.Tokens...)
	}
	return append(out, k.GenericTokens...)
}

// IsPlatformEnvVar reports whether name is set by a runtime, framework or
// platform wherever it is read, and so needs no documentation.
func (k *Table) IsPlatformEnvVar(name string) bool { return k.PlatformEnvVar(name, "") != nil }

// PlatformEnvVar returns the group that sets name for a file at the
// workspace-relative path rel (empty: anywhere), or nil when the project
// must document it.
func (k *Table) PlatformEnvVar(name, rel string) *PlatformEnvGroup {
	if g := k.platform[name]; g != nil {
		return g
	}
	for _, p := range k.prefixes {
		if strings.HasPrefix(name, p.prefix) && !slices.Contains(p.group.Except, name) {
			return p.group
		}
	}
	if rel == "" {
		return nil
	}
	for _, g := range k.PlatformEnvVars {
		if len(g.Paths) == 0 || !slices.Contains(g.Names, name) {
			continue
		}
		for _, dir := range g.Paths {
			if strings.HasPrefix(rel, dir) {
				return g
			}
		}
	}
	return nil
}

// Language returns the facts of a language family ("js", "python", "go", "ruby"), or nil.
func (k *Table) Language(family string) *LanguageFacts { return k.Languages[family] }

// ProviderByName finds a provider by its display name or id, ignoring case and
// punctuation, as catalog entries name them ("Stripe", "stripe", "SendGrid").
func (k *Table) ProviderByName(name string) *Provider {
	want := NormalizeName(name)
	for _, p := range k.Providers {
		if NormalizeName(p.Name) == want || NormalizeName(p.ID) == want {
			return p
		}
	}
	return nil
}

// NormalizeName lowercases s and keeps only its letters and digits, so that
// "Send Grid", "send-grid" and "sendgrid" compare equal.
func NormalizeName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// MatchCall reports whether a dotted callee (as written in code, e.g.
// "this.stripe.webhooks.constructEvent" or "Stripe::Webhook.construct_event")
// matches name: equal, or ending with "." or "::" followed by name.
func MatchCall(callee, name string) bool {
	if callee == name {
		return true
	}
	if !strings.HasSuffix(callee, name) {
		return false
	}
	rest := callee[:len(callee)-len(name)]
	return strings.HasSuffix(rest, ".") || strings.HasSuffix(rest, "::")
}

// MatchesAny reports whether callee matches one of names (MatchCall).
func MatchesAny(callee string, names []string) bool {
	return slices.ContainsFunc(names, func(n string) bool { return MatchCall(callee, n) })
}

// HoldsToken reports whether text matches any known secret token shape.
func HoldsToken(text []byte) bool {
	for _, t := range Get().Tokens() {
		if t.Regexp.Match(text) {
			return true
		}
	}
	return false
}
