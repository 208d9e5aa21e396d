package diff

import (
	"fmt"
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// TextDiff is the unified diff of one Rego file, as `diff -u` and git
// write it: ---/+++ headers with a/ and b/ paths (/dev/null for a file
// added or removed) and @@ hunks with three lines of context.
type TextDiff struct {
	Path    string `json:"path"`
	Status  string `json:"status"`  // added | removed | changed
	Added   int    `json:"added"`   // lines added
	Removed int    `json:"removed"` // lines removed
	Unified string `json:"unified"`
}

// contextLines is how many unchanged lines a hunk shows around a change.
const contextLines = 3

// line is one line of either text, with its edit: ' ' kept, '-' removed,
// '+' added. Text keeps its newline; the last line of a file may lack one.
type line struct {
	op   byte
	text string
}

// unified diffs two versions of the file at p. diffmatchpatch finds the
// line edits; it has no unified-diff writer (its patches are character
// based), so the hunks are grouped here.
func unified(p, status, a, b string) TextDiff {
	td := TextDiff{Path: p, Status: status}
	lines := lineDiff(a, b)
	for _, l := range lines {
		switch l.op {
		case '+':
			td.Added++
		case '-':
			td.Removed++
		}
	}
	var sb strings.Builder
	from, to := "a/"+p, "b/"+p
	switch status {
	case Added:
		from = "/dev/null"
	case Removed:
		to = "/dev/null"
	}
	fmt.Fprintf(&sb, "--- %s\n+++ %s\n", from, to)
	writeHunks(&sb, lines)
	td.Unified = sb.String()
	return td
}

func lineDiff(a, b string) []line {
	dmp := diffmatchpatch.New()
	// No time limit: a diff cut short by a slow machine would differ from
	// one run elsewhere, and the report must be the same everywhere.
	dmp.DiffTimeout = 0
	ca, cb, index := dmp.DiffLinesToChars(a, b)
	diffs := dmp.DiffCharsToLines(dmp.DiffMain(ca, cb, false), index)
	var out []line
	for _, d := range diffs {
		op := byte(' ')
		switch d.Type {
		case diffmatchpatch.DiffInsert:
			op = '+'
		case diffmatchpatch.DiffDelete:
			op = '-'
		}
		for _, t := range splitLines(d.Text) {
			out = append(out, line{op, t})
		}
	}
	return out
}

// splitLines splits after each newline, keeping it.
func splitLines(s string) []string {
	var out []string
	for s != "" {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			out = append(out, s)
			break
		}
		out = append(out, s[:i+1])
		s = s[i+1:]
	}
	return out
}

// writeHunks writes each run of changes with its context; two runs whose
// contexts touch or overlap (at most 2×context kept lines apart) share a
// hunk, as in diff -u.
func writeHunks(sb *strings.Builder, lines []line) {
	// fromLine[i], toLine[i]: lines of each text before lines[i].
	fromLine := make([]int, len(lines)+1)
	toLine := make([]int, len(lines)+1)
	for i, l := range lines {
		fromLine[i+1], toLine[i+1] = fromLine[i], toLine[i]
		if l.op != '+' {
			fromLine[i+1]++
		}
		if l.op != '-' {
			toLine[i+1]++
		}
	}
	for i := 0; i < len(lines); {
		first := i
		for first < len(lines) && lines[first].op == ' ' {
			first++
		}
		if first == len(lines) {
			return
		}
		last := first
		j := first + 1
		for ; j < len(lines); j++ {
			if lines[j].op != ' ' {
				last = j
			} else if j-last > 2*contextLines {
				break
			}
		}
		start, end := max(first-contextLines, i), min(last+contextLines+1, len(lines))
		fmt.Fprintf(sb, "@@ -%s +%s @@\n",
			hunkRange(fromLine[start], fromLine[end]), hunkRange(toLine[start], toLine[end]))
		for _, l := range lines[start:end] {
			sb.WriteByte(l.op)
			sb.WriteString(l.text)
			if !strings.HasSuffix(l.text, "\n") {
				sb.WriteString("\n\\ No newline at end of file\n")
			}
		}
		i = end
	}
}

// hunkRange writes the lines before..after of one text as a hunk header
// does: "start,count", "start" alone for one line, and for no line the
// line before the hunk with count 0.
func hunkRange(before, after int) string {
	switch n := after - before; n {
	case 0:
		return fmt.Sprintf("%d,0", before)
	case 1:
		return fmt.Sprintf("%d", before+1)
	default:
		return fmt.Sprintf("%d,%d", before+1, n)
	}
}
