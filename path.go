package webhook

import (
	"fmt"
	"strconv"
	"strings"
)

// pathStep is one step of a JSON path: a member name, or an array index
// when index >= 0.
type pathStep struct {
	name  string
	index int
}

// jsonPath renders the JSON path of its steps, outermost first: each a
// member name (a string) or an array index (an int). It is the one syntax
// of paths in the package, used by PayloadError.Field, by the
// UnknownValues methods and wherever else a member is named:
//
//	jsonPath("verification", "person", "firstName")  verification.person.firstName
//	jsonPath("hits", 2, "aka")                       hits[2].aka
//	jsonPath("x", "a.b", "", "[0]")                  x["a.b"][""]["[0]"]
//
// A name of ASCII letters, digits, '_', '-' and '$' is written as is,
// after a dot unless it comes first; any other name, the empty one, one
// with dots, brackets, quotes or non-ASCII bytes, is written quoted in
// brackets as strconv.Quote writes it. So no two paths render alike, and a
// key from the sender can never pass for a step.
func jsonPath(steps ...any) string {
	var b strings.Builder
	for _, s := range steps {
		switch s := s.(type) {
		case string:
			appendStep(&b, pathStep{name: s, index: -1})
		case int:
			appendStep(&b, pathStep{index: s})
		default:
			panic(fmt.Sprintf("webhook: jsonPath step %v is a %T, not a string or an int", s, s))
		}
	}
	return b.String()
}

// renderPath renders steps, innermost first (the order in which an error
// records them as it travels up), with jsonPath's syntax.
func renderPath(steps []pathStep) string {
	var b strings.Builder
	for i := len(steps) - 1; i >= 0; i-- {
		appendStep(&b, steps[i])
	}
	return b.String()
}

// appendStep writes one step after the steps already in b.
func appendStep(b *strings.Builder, s pathStep) {
	switch {
	case s.index >= 0:
		b.WriteByte('[')
		b.WriteString(strconv.Itoa(s.index))
		b.WriteByte(']')
	case plainName(s.name):
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(s.name)
	default:
		b.WriteByte('[')
		b.WriteString(strconv.Quote(s.name))
		b.WriteByte(']')
	}
}

// plainName reports whether name can stand in a path unquoted.
func plainName(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '$') {
			return false
		}
	}
	return true
}
