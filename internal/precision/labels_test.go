package precision

import (
	"strings"
	"testing"
)

func TestParseLabels(t *testing.T) {
	const h = LabelsHeader + "\n"
	tests := []struct {
		name    string
		input   string
		want    int    // labels, when no error
		wantErr string // substring of the error
	}{
		{"header only, comments and blanks", "# c\n\n" + h + "# more\n", 0, ""},
		{"two rows", h + "r\ta.go\t3\tcode\tsubj\ttp\t\nr\tb.go\t4\tcode\tsubj\tfp\tnote\n", 2, ""},
		{"CRLF line ends", strings.ReplaceAll(h+"r\ta.go\t3\tcode\tsubj\ttp\tn\n", "\n", "\r\n"), 1, ""},
		{"missing header", "r\ta.go\t3\tcode\tsubj\ttp\tn\n", 0, "labels.tsv:1: want the header"},
		{"wrong column count", "# c\n" + h + "r\ta.go\t3\tcode\tsubj\ttp\n", 0, "labels.tsv:3: 6 columns, want 7"},
		{"unknown verdict", h + "r\ta.go\t3\tcode\tsubj\tok\tn\n", 0, "labels.tsv:2: verdict \"ok\": want tp or fp"},
		{"unjudged verdict", h + "r\ta.go\t3\tcode\tsubj\t?\tn\n", 0, "labels.tsv:2: verdict \"?\""},
		{"bad line", h + "r\ta.go\t0\tcode\tsubj\ttp\tn\n", 0, "labels.tsv:2: line \"0\""},
		{"empty subject", h + "r\ta.go\t3\tcode\t\ttp\tn\n", 0, "labels.tsv:2: repo, path, code and subject"},
		{"duplicate", h + "r\ta.go\t3\tc\ts\ttp\tn\nr\ta.go\t3\tc\ts\tfp\tn\n", 0, "labels.tsv:3: the same finding is labelled on labels.tsv:2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseLabels("labels.tsv", strings.NewReader(tt.input))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || len(got) != tt.want {
				t.Fatalf("got %d labels, err %v; want %d", len(got), err, tt.want)
			}
		})
	}
}

func TestParseRepos(t *testing.T) {
	const ok = "- name: a\n  repo: o/a\n  commit: 75330166cc00b29c14399bc2e391e4b4d8080c00\n  languages: [go]\n"
	tests := []struct {
		name, input, wantErr string
	}{
		{"valid", ok, ""},
		{"not a list", "name: a\n", "repos.yaml:1: want a list"},
		{"short commit", "- name: a\n  repo: o/a\n  commit: 7533\n", "repos.yaml:1: commit \"7533\""},
		{"bad repo", ok + "- name: b\n  repo: nope\n  commit: 75330166cc00b29c14399bc2e391e4b4d8080c00\n", "repos.yaml:5: repo \"nope\""},
		{"unknown field", "- name: a\n  repo: o/a\n  comit: x\n", "unknown field \"comit\""},
		{"duplicate name", ok + ok, "repos.yaml:5: name \"a\" is already used on line 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseRepos("repos.yaml", []byte(tt.input))
			if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("err = %v, want %q", err, tt.wantErr)
			}
		})
	}
}
