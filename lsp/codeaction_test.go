package lsp

import (
	"testing"

	"go.lsp.dev/protocol"
)

func TestWants(t *testing.T) {
	quick, fixAll := protocol.CodeActionKindQuickFix, fixAllKind
	tests := []struct {
		only      []protocol.CodeActionKind
		quick, fx bool
	}{
		{nil, true, false},
		{[]protocol.CodeActionKind{quick}, true, false},
		{[]protocol.CodeActionKind{protocol.CodeActionKindSource}, false, true},
		{[]protocol.CodeActionKind{protocol.CodeActionKindSourceFixAll}, false, true},
		{[]protocol.CodeActionKind{fixAll}, false, true},
		{[]protocol.CodeActionKind{"source.fixAll.eslint"}, false, false},
		{[]protocol.CodeActionKind{"source.fix"}, false, false}, // a prefix of a word is not a parent kind
		{[]protocol.CodeActionKind{protocol.CodeActionKindRefactor, quick, protocol.CodeActionKindSource}, true, true},
	}
	for _, tt := range tests {
		if q, f := wants(tt.only, quick), wants(tt.only, fixAll); q != tt.quick || f != tt.fx {
			t.Errorf("only %v: quickfix %v, fix-all %v; want %v, %v", tt.only, q, f, tt.quick, tt.fx)
		}
	}
}
