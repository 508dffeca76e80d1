package analysis

import (
	"strings"
)

// conventions finds, for a code, the expertise convention its finding breaks.
type conventions struct {
	rules []conventionLine
}

type conventionLine struct {
	lower string
	rel   Related
}

// conventionIndex reads the conventions of every expert, the integrations expert's first.
func conventionIndex(ix *Index) *conventions {
	c := &conventions{}
	experts := ix.Experts()
	if ie := ix.IntegrationsExpert(); ie != nil {
		for i, e := range experts {
			if e == ie {
				experts[0], experts[i] = experts[i], experts[0]
			}
		}
	}
	for _, e := range experts {
		for _, conv := range e.Conventions {
			c.rules = append(c.rules, conventionLine{
				lower: strings.ToLower(conv.Value),
				rel:   Related{Path: e.Path, Range: conv.Range, Message: "expertise convention: " + conv.Value},
			})
		}
	}
	return c
}

// related returns the convention that rule names, or nil.
func (c *conventions) related(rule Rule) *Related {
	words := rule.Convention
	if len(words) == 0 {
		return nil
	}
next:
	for _, line := range c.rules {
		for _, w := range words {
			if !strings.Contains(line.lower, w) {
				continue next
			}
		}
		rel := line.rel
		return &rel
	}
	return nil
}
