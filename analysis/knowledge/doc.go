// Package knowledge is the embedded table of what the analyzers know about
// third-party services and languages (providers.yaml): each provider's SDK
// packages, API hosts, env vars, token shapes and webhook verification, the
// languages' log and compare calls, the variables platforms set, file roles
// (test, generated, template), env schema markers and the secret policy; and
// the identifier helpers built on it (IsSecretName, EnvName,
// SplitIdentifier).
//
// Where changes go: a new provider, token shape, webhook header or
// verification call is an entry of providers.yaml, never code;
// TestKnowledgeLoads checks every entry loads. A new section of the table is
// a field of Table with its prepare step in parseTable.
package knowledge
