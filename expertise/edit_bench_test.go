package expertise

import (
	"os"
	"testing"
)

// BenchmarkAddLearning measures one "Record a learning" fix on a real-sized
// expert: the LSP computes it for every finding it shows.
func BenchmarkAddLearning(b *testing.B) {
	content, err := os.ReadFile("testdata/edit/agileflow-integrations.yaml")
	if err != nil {
		b.Fatal(err)
	}
	f := Parse("expertise.yaml", content)
	for b.Loop() {
		if _, _, err := AddLearning(f, testLearning, editToday); err != nil {
			b.Fatal(err)
		}
	}
}
