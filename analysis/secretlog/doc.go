// Package secretlog holds the secret-in-log analyzer: a log or print call one
// of whose arguments carries a secret-named value (a variable, a field, an env
// read of a secret-named variable), against the convention "log without
// secrets".
//
// Where changes go: a new logging library or print function is an entry of
// the knowledge table's languages.<family>.log; what makes a name secret is
// the knowledge table's secret_names; the argument scan is secretinlog.go,
// with cases in testdata/secretinlog.
package secretlog
