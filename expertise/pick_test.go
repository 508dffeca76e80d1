package expertise

import (
	"strings"
	"testing"
)

func TestPickExpert(t *testing.T) {
	integrations := Parse("/w/a/expertise.yaml", []byte("domain: integrations\n"))
	database := Parse("/w/b/expertise.yaml", []byte("domain: database\n"))
	payments := Parse("/w/c/expertise.yaml", []byte("domain: payments\nintegrations_catalog:\n  payment:\n    - name: Stripe\n"))
	nameless := Parse("/w/d/expertise.yaml", []byte("version: 1\n"))
	tests := []struct {
		name         string
		experts      []*File
		domain       string
		integrations bool
		want         *File
		err          string
	}{
		{"by domain, ignoring case", []*File{integrations, database}, "Database", false, database, ""},
		{"unknown domain", []*File{integrations, database}, "billing", false, nil, `no expert with domain "billing"; the experts are: database, integrations`},
		{"the integrations expert", []*File{database, integrations}, "", true, integrations, ""},
		{"else the one with a catalog", []*File{database, payments}, "", true, payments, ""},
		{"the only expert", []*File{database}, "", false, database, ""},
		{"several: ask", []*File{database, nameless}, "", false, nil, "which expert? pass --x with one of: /w/d/expertise.yaml (no domain), database"},
		{"several without catalog: ask", []*File{database, nameless}, "", true, nil, "which expert?"},
		{"none", nil, "", true, nil, "no expertise files"},
	}
	for _, tt := range tests {
		got, err := PickExpert(tt.experts, tt.domain, tt.integrations, "pass --x")
		switch {
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.err)
		case tt.err == "" && (err != nil || got != tt.want):
			t.Errorf("%s: got %v, %v; want %s", tt.name, got, err, tt.want.Path)
		}
	}
}
