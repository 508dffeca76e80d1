// Package codelex is the comment and literal locator that the lexical
// matchers (env reads, provider uses, log calls, webhook event names) share.
// These matchers run for every file of the workspace at index time and on
// every save, so they never walk a parse tree: one pass over the bytes
// (Lex) locates comments and literals, and the matchers find candidates
// with bytes.Index and ask KindAt whether a hit is code. The helpers in
// codescan.go walk code past comments and literals and read names around an
// offset.
//
// Where changes go: a new language family's comment and literal syntax is
// an entry of rulesByFamily (and, when its literals are unusual, a case of
// the lexer); the families are those of syntax.Lang.Family.
package codelex
