package secrets

// keywordMatcher finds every occurrence of a set of keywords, ignoring ASCII
// case, in one pass over a text (Aho-Corasick compiled to a DFA over the bytes
// that occur in the keywords). The secrets analyzer runs it over a file's
// content to decide where its patterns and its generic rule run at all; as
// upper-case letters share their lower-case twins' columns, it needs no
// lower-cased copy of the file.
//
// The loop is bound by the latency of one table load per byte, so the table
// is small (uint16 entries, one column per byte that occurs in a keyword) and
// holds each next state premultiplied by the column count; states with
// keywords ending in them are numbered last, so one comparison tells them.
type keywordMatcher struct {
	class       [256]uint8 // byte -> column; 0 for bytes that occur in no keyword
	columns     int
	next        []uint16  // state*columns + column -> next state * columns
	firstAccept int       // premultiplied number of the first state where a keyword ends
	out         [][]int32 // state -> keywords that end there
	keywords    []string
}

// newKeywordMatcher compiles keywords (lower case, non-empty). It
// panics if the table outgrows uint16, which the knowledge table is far from.
func newKeywordMatcher(keywords []string) *keywordMatcher {
	m := &keywordMatcher{keywords: keywords, columns: 1}
	m.classify(keywords)
	trie, out := m.trie(keywords)
	if len(trie)*m.columns > 1<<16 {
		panic("secrets: keyword automaton too large for uint16 states")
	}
	dfa := m.linkFailures(trie, out)
	m.pack(trie, dfa, out)
	return m
}

// classify gives every byte the keywords hold a column of its own (upper
// case letters share their lower case's); other bytes share column 0.
func (m *keywordMatcher) classify(keywords []string) {
	for _, kw := range keywords {
		for i := 0; i < len(kw); i++ {
			if m.class[kw[i]] == 0 {
				m.class[kw[i]] = uint8(m.columns)
				m.columns++
			}
		}
	}
	for c := 'A'; c <= 'Z'; c++ {
		m.class[c] = m.class[c+'a'-'A']
	}
}

// trie returns the keywords' trie, trie[state][column] (-1 where there is
// no edge), and the ids of the keywords that end in each state.
func (m *keywordMatcher) trie(keywords []string) (trie [][]int, out [][]int32) {
	trie = [][]int{m.newRow()}
	out = [][]int32{nil}
	for id, kw := range keywords {
		s := 0
		for i := 0; i < len(kw); i++ {
			c := m.class[kw[i]]
			if trie[s][c] < 0 {
				trie[s][c] = len(trie)
				trie = append(trie, m.newRow())
				out = append(out, nil)
			}
			s = trie[s][c]
		}
		out[s] = append(out[s], int32(id))
	}
	return trie, out
}

// linkFailures turns the trie into a DFA (dfa[state*columns+column], states
// unnumbered) by breadth-first failure links, and adds to each state's out
// the keywords that end in its failure state.
func (m *keywordMatcher) linkFailures(trie [][]int, out [][]int32) []int {
	fail := make([]int, len(trie))
	dfa := make([]int, len(trie)*m.columns)
	var queue []int
	for c := 0; c < m.columns; c++ {
		if t := trie[0][c]; t > 0 {
			dfa[c] = t
			queue = append(queue, t)
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		out[s] = append(out[s], out[fail[s]]...)
		for c := 0; c < m.columns; c++ {
			t := trie[s][c]
			if t < 0 {
				dfa[s*m.columns+c] = dfa[fail[s]*m.columns+c]
				continue
			}
			fail[t] = dfa[fail[s]*m.columns+c]
			dfa[s*m.columns+c] = t
			queue = append(queue, t)
		}
	}
	return dfa
}

// pack numbers the states without keywords first (the root stays 0), then
// the others from firstAccept, and stores the DFA as uint16 row offsets.
func (m *keywordMatcher) pack(trie [][]int, dfa []int, out [][]int32) {
	number := make([]int, len(trie))
	n := 0
	for _, accepting := range []bool{false, true} {
		if accepting {
			m.firstAccept = n * m.columns
		}
		for s := range trie {
			if (len(out[s]) > 0) == accepting {
				number[s] = n
				n++
			}
		}
	}
	m.next = make([]uint16, len(dfa))
	m.out = make([][]int32, len(trie))
	for s := range trie {
		m.out[number[s]] = out[s]
		for c := 0; c < m.columns; c++ {
			m.next[number[s]*m.columns+c] = uint16(number[dfa[s*m.columns+c]] * m.columns)
		}
	}
}

func (m *keywordMatcher) newRow() []int {
	row := make([]int, m.columns)
	for i := range row {
		row[i] = -1
	}
	return row
}

// keywordHit is one occurrence: keyword id and the offset where it starts.
type keywordHit struct {
	keyword int32
	start   int32
}

// scan returns every occurrence of a keyword in text (in any case), ordered
// by where it ends.
func (m *keywordMatcher) scan(text []byte) []keywordHit {
	var hits []keywordHit
	next, class, firstAccept := m.next, &m.class, m.firstAccept
	s := 0
	for i, b := range text {
		s = int(next[s+int(class[b])])
		if s >= firstAccept {
			for _, id := range m.out[s/m.columns] {
				hits = append(hits, keywordHit{keyword: id, start: int32(i + 1 - len(m.keywords[id]))})
			}
		}
	}
	return hits
}
