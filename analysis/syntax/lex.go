package syntax

// Lexical helpers: cheap scans over source bytes that find candidate spots
// before any tree is consulted. They understand identifiers, dotted chains
// and balanced brackets, nothing more.

// IsIdentByte reports whether b may be part of an identifier in one of the
// parsed languages: ASCII letters and digits, '_', '$' and Ruby's '@'.
func IsIdentByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_' || b == '$' || b >= 0x80 || b == '@'
}

// IsWord reports whether src[start:end] is a whole word: the bytes around it
// are not identifier bytes.
func IsWord(src []byte, start, end int) bool {
	if start < 0 || end > len(src) || start >= end {
		return false
	}
	return (start == 0 || !IsIdentByte(src[start-1])) && (end == len(src) || !IsIdentByte(src[end]))
}

// CalleeBefore returns where the dotted expression that ends with the name at
// src[nameStart:nameEnd] starts, and its normalized text (see
// NormalizeCallee): for "constructEvent" in
// "stripe.webhooks\n  .constructEvent(", "stripe.webhooks.constructEvent";
// for "digest" in "createHmac('sha256', k).update(b).digest(",
// "createHmac.update.digest".
func CalleeBefore(src []byte, nameStart, nameEnd int) (int, string) {
	start := nameStart
	for {
		i := skipSpaceBack(src, start)
		switch {
		case i >= 2 && src[i-1] == ':' && src[i-2] == ':':
			i -= 2
		case i >= 1 && src[i-1] == '.':
			i--
			if i >= 1 && (src[i-1] == '?' || src[i-1] == '!') {
				i--
			}
		default:
			return start, NormalizeCallee(string(src[start:nameEnd]))
		}
		operand := operandStart(src, skipSpaceBack(src, i))
		if operand < 0 {
			return start, NormalizeCallee(string(src[start:nameEnd]))
		}
		start = operand
	}
}

// operandStart returns where the operand that ends at end starts: an
// identifier, possibly followed by bracket groups (a call or subscript); -1
// when there is none.
func operandStart(src []byte, end int) int {
	i := end
	for i > 0 && (src[i-1] == ')' || src[i-1] == ']') {
		open := matchBack(src, i-1)
		if open < 0 {
			return -1
		}
		i = skipSpaceBack(src, open)
	}
	j := i
	for j > 0 && IsIdentByte(src[j-1]) {
		j--
	}
	if j == i {
		return -1
	}
	for j > 0 && src[j-1] == '@' { // Ruby instance and class variables
		j--
	}
	return j
}

// matchBack returns the offset of the bracket that opens the one that closes
// at close, or -1. Brackets inside string literals are not told apart.
func matchBack(src []byte, close int) int {
	depth := 0
	for i := close; i >= 0 && close-i < 4096; i-- {
		switch src[i] {
		case ')', ']', '}':
			depth++
		case '(', '[', '{':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

func skipSpaceBack(src []byte, i int) int {
	for i > 0 && (src[i-1] == ' ' || src[i-1] == '\t' || src[i-1] == '\n' || src[i-1] == '\r') {
		i--
	}
	return i
}
