// Package envdoc reads the files that document environment variables:
// env example files (.env.example, .env.sample, ...: ParseEnvExample) and
// the other formats that name variables without being an example file
// (docker-compose environment sections, ...: EnvNamesOf). The index keeps
// what they document; env-undocumented asks it.
//
// Where changes go: a new env documentation format is an EnvDocKind with its
// recogniser in DocumentsEnv/IsEnvNamesOnly and its reader beside
// EnvNamesOf in envdocs.go, with a case in envdocs_test.go.
package envdoc
