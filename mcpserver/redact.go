package mcpserver

import (
	"reflect"
	"regexp"
	"sync"

	"github.com/expertise-ls/expertise-ls/analysis/knowledge"
)

// Redaction: no result holds a secret's value. Findings' messages and the
// fixes' new text never do by construction; what the tools quote from files
// (expertise content, the lines of a diff) may, so every string of a result
// goes through redactText, and diffs also hide the ranges of the sensitive
// findings of the files they show (see diff.go).

// redacted stands for a secret's value.
const redacted = "<redacted>"

// tokenShapes are the secret token shapes that have a fixed prefix or
// structure; those without one (40 base64 characters, say) would also
// match hashes and are left to the findings' ranges.
var tokenShapes = sync.OnceValue(func() []*regexp.Regexp {
	var out []*regexp.Regexp
	for _, t := range knowledge.Get().Tokens() {
		if !t.Unprefixed {
			out = append(out, t.Regexp)
		}
	}
	return out
})

// redactText replaces every secret token in s with <redacted>.
func redactText(s string) string {
	for _, re := range tokenShapes() {
		if re.MatchString(s) {
			s = re.ReplaceAllString(s, redacted)
		}
	}
	return s
}

// redactValues applies redactText to every string that v (a pointer)
// holds: fields, elements and map values, however deep.
func redactValues(v any) {
	redactValue(reflect.ValueOf(v))
}

func redactValue(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			redactValue(v.Elem())
		}
	case reflect.String:
		if v.CanSet() {
			v.SetString(redactText(v.String()))
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				redactValue(v.Field(i))
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			redactValue(v.Index(i))
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			e := reflect.New(v.Type().Elem()).Elem()
			e.Set(v.MapIndex(k))
			redactValue(e)
			v.SetMapIndex(k, e)
		}
	}
}
