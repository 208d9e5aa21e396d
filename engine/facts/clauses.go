package facts

// clauses splits the sentences into clauses and marks negation, questions
// and reported-speech frames.
func (l *Language) clauses(rs []rune, toks []Token, info []wordInfo, sentences [][2]int) []Clause {
	out := make([]Clause, 0, len(sentences))
	for i, s := range sentences {
		out = append(out, Clause{Start: s[0], End: s[1], Sentence: i})
	}
	if len(out) == 0 {
		out = append(out, Clause{Start: 0, End: len(rs)})
	}
	for i := range toks {
		toks[i].Clause = clauseAt(out, toks[i].Start)
	}
	return out
}

// clauseAt is the index of the clause that holds offset at, or the last
// one that starts before it.
func clauseAt(cs []Clause, at int) int {
	lo, hi := 0, len(cs)
	for lo < hi {
		m := (lo + hi) / 2
		if cs[m].Start <= at {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return max(lo-1, 0)
}
