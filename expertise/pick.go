package expertise

import (
	"fmt"
	"sort"
	"strings"
)

// DomainIntegrations is the domain of the expert that keeps the integrations
// catalog and, by default, the learnings about integrations.
const DomainIntegrations = "integrations"

// PickExpert returns the expert an edit goes to: the one whose domain is
// domain (ignoring case); without a domain, when integrations is set (the
// catalog, learnings), the integrations expert (domain "integrations", else
// the only one with a catalog), else the only expert. how tells the user how
// to name an expert ("pass --expert"), for the error when several qualify.
func PickExpert(experts []*File, domain string, integrations bool, how string) (*File, error) {
	if len(experts) == 0 {
		return nil, fmt.Errorf("no expertise files (looked for .agileflow/experts/<domain>/expertise.yaml and **/experts/*/expertise.yaml)")
	}
	pick := func(keep func(*File) bool) []*File {
		var out []*File
		for _, e := range experts {
			if keep(e) {
				out = append(out, e)
			}
		}
		return out
	}
	candidates := experts
	switch {
	case strings.TrimSpace(domain) != "":
		candidates = pick(func(e *File) bool { return strings.EqualFold(e.Domain.Value, strings.TrimSpace(domain)) })
		if len(candidates) == 0 {
			return nil, fmt.Errorf("no expert with domain %q; the experts are: %s", domain, Domains(experts))
		}
	case integrations:
		if c := pick(func(e *File) bool { return e.Domain.Value == DomainIntegrations }); len(c) > 0 {
			candidates = c
		} else if c := pick(func(e *File) bool { return len(e.Catalog) > 0 }); len(c) > 0 {
			candidates = c
		}
	}
	if len(candidates) > 1 {
		return nil, fmt.Errorf("which expert? %s with one of: %s", how, Domains(candidates))
	}
	return candidates[0], nil
}

// Domains lists experts by domain (by path when one has none), sorted and
// comma-separated, for messages.
func Domains(experts []*File) string {
	var out []string
	for _, e := range experts {
		if e.Domain.Value != "" {
			out = append(out, e.Domain.Value)
		} else {
			out = append(out, e.Path+" (no domain)")
		}
	}
	sort.Strings(out)
	return strings.Join(out, ", ")
}
