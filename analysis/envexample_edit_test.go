package analysis

import "testing"

func TestEnvExampleDocumentEdit(t *testing.T) {
	tests := []struct {
		name, content, want string // want "" : no edit
	}{
		{"empty", "", "KEY=\n"},
		{"final line break", "A=1\n", "A=1\nKEY=\n"},
		{"no final line break", "A=1", "A=1\nKEY="},
		{"CRLF", "A=1\r\nB=\r\n", "A=1\r\nB=\r\nKEY=\r\n"},
		{"CRLF without final line break", "A=1\r\nB=", "A=1\r\nB=\r\nKEY="},
		{"documented already", "# keys\nexport KEY=x\n", ""},
	}
	for _, tt := range tests {
		e := ParseEnvExample("/w/.env.example", []byte(tt.content))
		edit, ok := e.DocumentEdit("KEY")
		if !ok {
			if tt.want != "" {
				t.Errorf("%s: no edit, want %q", tt.name, tt.want)
			}
			continue
		}
		got, err := ApplyEdits(e.Content, []TextEdit{edit})
		if err != nil || string(got) != tt.want || edit.Path != e.Path {
			t.Errorf("%s: %q (%v), want %q", tt.name, got, err, tt.want)
		}
	}
	if e := NewEnvExampleEdit("/w/.env.example", "KEY"); !e.Create || e.NewText != "KEY=\n" {
		t.Errorf("NewEnvExampleEdit = %+v", e)
	}
}
