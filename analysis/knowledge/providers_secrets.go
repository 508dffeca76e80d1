package knowledge

// secretPolicy is the secret_policy section of the knowledge table: how
// hardcoded-secret judges a value by its file's role and its neighbours.
type secretPolicy struct {
	FakeValueWords []string    `yaml:"fake_value_words"`
	PublicKeys     []PublicKey `yaml:"public_keys"`
}

// PublicKey is a key that its provider documents as public, recognised by
// the name that holds it and the identifiers next to it.
type PublicKey struct {
	Provider string   `yaml:"provider"`
	Reason   string   `yaml:"reason"`
	Names    []string `yaml:"names"`    // the holder's last name segment, normalised
	Siblings []string `yaml:"siblings"` // identifiers, normalised, that all occur within a few lines
}
