package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// The README's curl examples are run by TestReadmeExamples, so that they
// cannot drift from the API silently. Its example ids stand for what an
// earlier example answered: the test puts the real ones in their place.
const (
	readmeDecisionID = "01M84Q0W6Z75QVZABQ9A54VVHX" // the quick start's decision
	readmeKeyID      = "3f9c2a7d41b0e685"           // the key POST /admin/keys made
	readmeAuthor     = "ps_4f2a9c0d1e7b3a5968c2d4e6f8a0b1c3"
	readmeAppealID   = "01M84R2C5D6E7F8G9H0J1K2M3N" // the appeal the review section files
)

// readmeVolatile are members of a shown answer that differ from run to
// run or with every policy edit; only their presence is checked.
var readmeVolatile = map[string]bool{"decision_id": true, "policy.revision": true, "build": true}

// readmeBlock is a fenced block of README.md.
type readmeBlock struct {
	lang, text string
	line       int // of its opening fence
}

func readmeBlocks(t *testing.T) []readmeBlock {
	t.Helper()
	raw, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var blocks []readmeBlock
	var cur *readmeBlock
	for i, line := range strings.Split(string(raw), "\n") {
		switch {
		case cur == nil && strings.HasPrefix(line, "```"):
			cur = &readmeBlock{lang: strings.TrimPrefix(line, "```"), line: i + 1}
		case cur != nil && line == "```":
			blocks = append(blocks, *cur)
			cur = nil
		case cur != nil:
			cur.text += line + "\n"
		}
	}
	return blocks
}

// curlCall is one curl command of the README.
type curlCall struct {
	line    int
	text    string
	method  string
	path    string
	headers http.Header
	body    string
	jq      string // the filter it pipes into, if any
}

// shellLines splits a script into its commands as sh reads them, without
// comments: a newline inside quotes or after a backslash does not end one.
func shellLines(script string) []string {
	var lines []string
	var line strings.Builder
	var quote byte
	for i := 0; i < len(script); i++ {
		c := script[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '\\' && i+1 < len(script) && script[i+1] == '\n':
			line.WriteByte(' ')
			i++
			continue
		case c == '#' && (i == 0 || script[i-1] == ' ' || script[i-1] == '\n'):
			for i+1 < len(script) && script[i+1] != '\n' {
				i++ // a comment, whatever quotes it holds
			}
			continue
		case c == '\n':
			lines = append(lines, line.String())
			line.Reset()
			continue
		}
		line.WriteByte(c)
	}
	return append(lines, line.String())
}

// shellWords splits one command line as sh would, expanding the
// variables the README uses; it stops at an unquoted | or #.
func shellWords(line string, vars map[string]string) (words []string, rest string) {
	var word strings.Builder
	inWord := false
	expand := func(s string) string {
		for name, value := range vars {
			s = strings.ReplaceAll(s, name, value)
		}
		return s
	}
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == '\'':
			j := strings.IndexByte(line[i+1:], '\'')
			if j < 0 {
				j = len(line) - i - 1
			}
			word.WriteString(line[i+1 : i+1+j])
			i += j + 1
			inWord = true
		case c == '"':
			j := strings.IndexByte(line[i+1:], '"')
			if j < 0 {
				j = len(line) - i - 1
			}
			word.WriteString(expand(line[i+1 : i+1+j]))
			i += j + 1
			inWord = true
		case c == '|' || c == '#':
			if inWord {
				words = append(words, word.String())
			}
			return words, strings.TrimSpace(line[i:])
		case unicode.IsSpace(rune(c)):
			if inWord {
				words = append(words, word.String())
				word.Reset()
				inWord = false
			}
		default:
			j := i
			for j < len(line) && !strings.ContainsRune(" \t\n'\"|", rune(line[j])) {
				j++
			}
			word.WriteString(expand(line[i:j]))
			i = j - 1
			inWord = true
		}
	}
	if inWord {
		words = append(words, word.String())
	}
	return words, ""
}

var jqFilter = regexp.MustCompile(`^\|\s*jq -c '([^']*)'`)

// readmeCalls are the curl commands of the README's sh blocks, each with
// the json block that follows its block, if any, as its shown answer.
func readmeCalls(t *testing.T, adminKey string) (calls []curlCall, shown map[int]string) {
	t.Helper()
	blocks := readmeBlocks(t)
	shown = map[int]string{}
	vars := map[string]string{"$(cat galateo.key)": adminKey}
	for b, block := range blocks {
		if block.lang != "sh" {
			continue
		}
		lines := shellLines(block.text)
		last := -1
		for _, line := range lines {
			if name, value, ok := strings.Cut(line, "="); ok && name == strings.TrimSpace(name) && !strings.Contains(name, " ") && name != "" {
				words, _ := shellWords(value, vars)
				if len(words) == 1 {
					vars["$"+name] = words[0]
				}
				continue
			}
			if !strings.HasPrefix(line, "curl ") {
				continue
			}
			words, rest := shellWords(line, vars)
			c := curlCall{line: block.line, text: strings.Join(strings.Fields(line), " "), headers: http.Header{}}
			if m := jqFilter.FindStringSubmatch(rest); m != nil {
				c.jq = m[1]
			}
			for i := 1; i < len(words); i++ {
				switch w := words[i]; {
				case w == "-s":
				case w == "-X":
					i++
					c.method = words[i]
				case w == "-H":
					i++
					name, value, _ := strings.Cut(words[i], ":")
					c.headers.Add(name, strings.TrimSpace(value))
				case w == "-d":
					i++
					c.body = words[i]
				case strings.HasPrefix(w, "localhost:8080/"):
					c.path = strings.TrimPrefix(w, "localhost:8080")
				default:
					t.Fatalf("README.md:%d: %s: curl argument %q is not one this test knows", block.line, c.text, w)
				}
			}
			if c.method == "" {
				c.method = http.MethodGet
				if c.body != "" {
					c.method = http.MethodPost
				}
			}
			calls = append(calls, c)
			last = len(calls) - 1
		}
		if last >= 0 && b+1 < len(blocks) && blocks[b+1].lang == "json" {
			shown[last] = blocks[b+1].text
		}
	}
	return calls, shown
}

// TestReadmeExamples runs every curl example of README.md, in order,
// against a server with a real SQLite store, the seed policies of massa
// and tradate and the admin key of `make run`. Each must succeed (and, as
// every request of these tests, match openapi.yaml), and the answer shown
// after it must be the server's, member for member, but for the members
// that change from run to run and what the README elides with "…".
func TestReadmeExamples(t *testing.T) {
	env := newAuthEnv(t, RateLimit{})
	calls, shown := readmeCalls(t, env.secrets["admin"])
	if len(calls) < 9 {
		t.Fatalf("README.md has %d curl examples; the parser is lost", len(calls))
	}
	subst := map[string]string{}
	for i, c := range calls {
		t.Run(fmt.Sprintf("%d %s %s", i, c.method, c.path), func(t *testing.T) {
			path, body := c.path, c.body
			for from, to := range subst {
				path, body = strings.ReplaceAll(path, from, to), strings.ReplaceAll(body, from, to)
			}
			req := httptest.NewRequest(c.method, path, strings.NewReader(body))
			req.Header = c.headers.Clone()
			res := env.serveT(t, req)
			if res.Code >= 300 {
				t.Fatalf("README.md:%d: %s\nanswered %d: %s", c.line, c.text, res.Code, res.Body)
			}
			var got any
			if err := json.Unmarshal(res.Body.Bytes(), &got); err != nil {
				t.Fatalf("README.md:%d: %s: %v", c.line, c.text, err)
			}
			learn(got, subst)
			if want, ok := shown[i]; ok {
				compareShown(t, c, want, got)
			}
		})
	}
	for _, id := range []string{readmeDecisionID, readmeKeyID, readmeAuthor, readmeAppealID} {
		if subst[id] == "" {
			t.Errorf("no example answered what the README's %s stands for", id)
		}
	}
}

// learn notes the real values that the README's example ids stand for.
func learn(got any, subst map[string]string) {
	m, _ := got.(map[string]any)
	if id, ok := m["decision_id"].(string); ok && subst[readmeDecisionID] == "" {
		subst[readmeDecisionID] = id
	}
	if id, ok := m["id"].(string); ok && m["key"] != nil {
		subst[readmeKeyID] = id
	}
	if rv, ok := m["review"].(map[string]any); ok && rv["kind"] == "appeal" {
		subst[readmeAppealID], _ = rv["id"].(string)
	}
	if list, ok := m["decisions"].([]any); ok && len(list) > 0 {
		if author, ok := list[0].(map[string]any)["author_pseudonym"].(string); ok {
			subst[readmeAuthor] = author
		}
	}
}

func compareShown(t *testing.T, c curlCall, want string, got any) {
	t.Helper()
	if c.jq == "" {
		var w any
		if err := json.Unmarshal([]byte(want), &w); err != nil {
			t.Fatalf("README.md: the answer shown after line %d is not JSON: %v", c.line, err)
		}
		for _, d := range matchShown(w, got, "") {
			t.Errorf("README.md: the answer shown after line %d: %s", c.line, d)
		}
		return
	}
	// Piped into `jq -c '.list[] | {a, b}'`: each line shown is one item
	// with those members, and the answer holds that list.
	m := regexp.MustCompile(`^\.(\w+)\[\] \| \{([\w, ]+)\}$`).FindStringSubmatch(c.jq)
	if m == nil {
		t.Fatalf("README.md:%d: jq filter %q is not one this test knows", c.line, c.jq)
	}
	if _, ok := got.(map[string]any)[m[1]].([]any); !ok {
		t.Errorf("README.md:%d: the answer has no list %s: %v", c.line, m[1], got)
	}
	members := strings.Split(strings.ReplaceAll(m[2], " ", ""), ",")
	for line := range strings.SplitSeq(strings.TrimSpace(want), "\n") {
		var item map[string]any
		if err := json.Unmarshal([]byte(line), &item); err != nil {
			t.Errorf("README.md: a line shown after line %d is not JSON: %v", c.line, err)
			continue
		}
		keys := make([]string, 0, len(item))
		for k := range item {
			keys = append(keys, k)
		}
		if !slices.Equal(slices.Sorted(slices.Values(keys)), slices.Sorted(slices.Values(members))) {
			t.Errorf("README.md: a line shown after line %d has %v, the filter makes %v", c.line, keys, members)
		}
	}
}

// matchShown lists where a shown answer differs from the real one. An
// object shown with a "…" member is abridged: the members shown must be
// there; otherwise they must be all there is.
func matchShown(want, got any, path string) []string {
	if readmeVolatile[path] {
		if got == nil {
			return []string{path + " is missing"}
		}
		return nil
	}
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return []string{fmt.Sprintf("%s: shown an object, is %v", path, got)}
		}
		var diffs []string
		_, abridged := w["…"]
		for k, wv := range w {
			if k == "…" {
				continue
			}
			gv, ok := g[k]
			if !ok {
				diffs = append(diffs, fmt.Sprintf("%s is shown but not answered", join(path, k)))
				continue
			}
			diffs = append(diffs, matchShown(wv, gv, join(path, k))...)
		}
		if !abridged {
			for k := range g {
				if _, ok := w[k]; !ok {
					diffs = append(diffs, fmt.Sprintf("%s is answered but not shown", join(path, k)))
				}
			}
		}
		return diffs
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return []string{fmt.Sprintf("%s: shown %s, answered %s", path, mustJSON(w), mustJSON(got))}
		}
		var diffs []string
		for i := range w {
			diffs = append(diffs, matchShown(w[i], g[i], fmt.Sprintf("%s[%d]", path, i))...)
		}
		return diffs
	case string:
		if prefix, _, elided := strings.Cut(w, "…"); elided {
			if g, ok := got.(string); ok && strings.HasPrefix(g, prefix) {
				return nil
			}
		} else if got == w {
			return nil
		}
		return []string{fmt.Sprintf("%s: shown %q, answered %s", path, w, mustJSON(got))}
	default:
		if mustJSON(want) != mustJSON(got) {
			return []string{fmt.Sprintf("%s: shown %s, answered %s", path, mustJSON(want), mustJSON(got))}
		}
		return nil
	}
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// TestReadmeSaturday: what the README says of a polite comment on a
// Saturday evening is what the server answers.
func TestReadmeSaturday(t *testing.T) {
	raw, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := strings.Join(strings.Fields(string(raw)), " ")
	env := newEnv(t, envOptions{})
	d := decodeDecision(t, env.run(t, httpCase{body: comment("Grazie per l'informazione, buona giornata", "2026-11-21T20:00:00+01:00"), status: http.StatusOK}))
	_, notice, _ := strings.Cut(d.Explanation, "Massa. ")
	for _, claim := range []string{
		"A polite comment is `" + d.Outcome + "`",
		`"staffed_now": ` + mustJSON(d.Review.StaffedNow),
		`"next_staffed": "` + d.Review.NextStaffed + `"`,
		`"` + notice + `"`,
	} {
		if notice == "" || !strings.Contains(readme, claim) {
			t.Errorf("README.md does not say %s (explanation %q)", claim, d.Explanation)
		}
	}
}
