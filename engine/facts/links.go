package facts

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Link is a URL or bare domain found in the text.
type Link struct {
	URL  string // as written
	Host string // lower case; an internationalised name in Unicode (xn-- labels decoded)
	// Suffixes are the host and each parent domain ("www.comune.massa.ms.it",
	// "comune.massa.ms.it", "massa.ms.it", "ms.it"), so that a policy can
	// recognise its own domains and shorteners by key lookup.
	Suffixes []string
	Start    int
	End      int
}

// Tag is a hashtag or a mention, folded, without its sign.
type Tag struct {
	Tag string
	// Words of a hashtag, folded: split where a camel-case tag changes case
	// or at underscores (#SindacoLadro → sindaco, ladro); the tag itself
	// when it is one word. Empty for mentions.
	Words []string
	Start int
	End   int
}

// topLevel are the top-level domains a bare domain (written without
// http:// or www.) must end with to count as a link: the generic ones seen
// in Italian comments and the country codes of Italy's neighbours and of
// link shorteners, each a delegated domain of IANA's Root Zone Database
// (iana.org/domains/root/db). It is the package's one list of top-level
// domains; a URL with a scheme or www. takes any. A longer list would read
// ordinary words as domains wherever a space is missing after a full stop
// ("lo so.Io", "p.es"). It stays in Go, unlike the words of
// policies/lexicon: it says which strings the DNS can resolve, the same
// for every ente, and what an ente decides about links (its own domains,
// shorteners) is already data.
var topLevel = map[string]bool{
	"it": true, "eu": true, "com": true, "net": true, "org": true, "info": true, "biz": true,
	"gov": true, "edu": true, "int": true, "app": true, "shop": true, "store": true, "online": true,
	"site": true, "website": true, "xyz": true, "news": true, "blog": true, "live": true, "tech": true,
	"club": true, "link": true, "click": true, "top": true, "page": true, "social": true,
	"ly": true, "me": true, "io": true, "co": true, "gl": true, "to": true, "tv": true, "cc": true,
	"ws": true, "uk": true, "de": true, "fr": true, "ch": true, "at": true, "sm": true, "va": true,
	"ru": true, "cn": true, "us": true,
}

// Links finds URLs (with a scheme, or starting with www.) and bare domains.
// E-mail addresses are not links: the domain of one is never reported.
func Links(text string, idx *offsets) []Link {
	if idx == nil || idx.text != text {
		idx = newOffsets(text)
	}
	var out []Link
	prev := rune(-1)
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !hostRune(r) || !linkMayStart(prev) {
			prev = r
			i += size
			continue
		}
		end, host, ok := linkAt(text, i)
		if !ok {
			prev = r
			i += size
			continue
		}
		host = canonicalHost(host)
		out = append(out, Link{
			URL: text[i:end], Host: host, Suffixes: domainSuffixes(host),
			Start: idx.rune(i), End: idx.rune(end),
		})
		r, _ = utf8.DecodeLastRuneInString(text[:end])
		prev = r
		i = end
	}
	return out
}

// hostRune tells the characters of a host name label.
func hostRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '-'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// linkMayStart: a link starts after a space, punctuation or the start of
// the text, never inside a word, after '@' (an e-mail address or a
// mention) or after '/' (the path of something else).
func linkMayStart(prev rune) bool {
	if prev < 0 {
		return true
	}
	return !hostRune(prev) && prev != '.' && prev != '@' && prev != '/' && prev != '_' && prev != '&'
}

// linkAt reads a link that starts at byte i: its end and its host.
func linkAt(text string, i int) (end int, host string, ok bool) {
	rest := text[i:]
	for _, scheme := range []string{"https://", "http://"} {
		if len(rest) >= len(scheme) && strings.EqualFold(rest[:len(scheme)], scheme) {
			start := i + len(scheme)
			end := urlEnd(text, i, start)
			auth := text[start:end]
			if k := strings.IndexAny(auth, "/?#"); k >= 0 {
				auth = auth[:k]
			}
			if k := strings.LastIndexByte(auth, '@'); k >= 0 {
				auth = auth[k+1:] // user information
			}
			if k := strings.LastIndexByte(auth, ':'); k >= 0 && !strings.Contains(auth[k:], "]") {
				auth = auth[:k] // port
			}
			auth = strings.Trim(auth, ".")
			if strings.IndexFunc(auth, func(r rune) bool { return hostRune(r) && r != '-' }) < 0 {
				return 0, "", false // no name at all: "http://..."
			}
			return end, auth, true
		}
	}
	// A host: labels separated by single dots.
	labels := 0
	j := i
	lastLabel := i
	for {
		k := j
		for k < len(text) {
			r, s := utf8.DecodeRuneInString(text[k:])
			if !hostRune(r) {
				break
			}
			k += s
		}
		if k == j {
			break
		}
		labels++
		lastLabel = j
		j = k
		if j+1 < len(text) && text[j] == '.' {
			if r, _ := utf8.DecodeRuneInString(text[j+1:]); hostRune(r) && r != '-' {
				j++
				continue
			}
		}
		break
	}
	if labels < 2 {
		return 0, "", false
	}
	host = text[i:j]
	tld := text[lastLabel:j]
	www := len(host) > 4 && strings.EqualFold(host[:4], "www.")
	if !validHost(host) || !knownTLD(tld, www) || tldAfterFullStop(host, tld, www) {
		return 0, "", false
	}
	if j < len(text) && text[j] == '@' {
		return 0, "", false // the local part of an e-mail address
	}
	end = j
	if end < len(text) && text[end] == ':' {
		// A port.
		k := end + 1
		for k < len(text) && text[k] >= '0' && text[k] <= '9' {
			k++
		}
		if k > end+1 {
			end = k
		}
	}
	if end < len(text) && (text[end] == '/' || text[end] == '?' || text[end] == '#') {
		end = urlEnd(text, i, end)
	}
	return end, host, true
}

// validHost: no label starts or ends with a hyphen, and none is longer
// than DNS allows.
func validHost(host string) bool {
	for label := range strings.SplitSeq(host, ".") {
		if label == "" || label[0] == '-' || label[len(label)-1] == '-' || len(label) > 63 {
			return false
		}
	}
	return true
}

// knownTLD: a listed top-level domain, an internationalised one (xn--) or,
// after www., any name of letters.
func knownTLD(tld string, www bool) bool {
	lower := strings.ToLower(tld)
	if topLevel[lower] || strings.HasPrefix(lower, "xn--") {
		return true
	}
	if !www || utf8.RuneCountInString(tld) < 2 {
		return false
	}
	for _, r := range tld {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// tldAfterFullStop tells a missing space after a full stop from a domain:
// "è vero.Io dico" is two sentences, "Comune.it" and "COMUNE.IT" are
// domains. A capitalised top-level domain after a lower-case letter is a
// new sentence.
func tldAfterFullStop(host, tld string, www bool) bool {
	if www {
		return false
	}
	first, _ := utf8.DecodeRuneInString(tld)
	if !unicode.IsUpper(first) {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(host[:len(host)-len(tld)-1])
	return unicode.IsLower(before)
}

// urlEnd returns where the URL that starts at byte start ends, reading from
// byte from: at a space, a quotation mark or an angle bracket, without
// trailing punctuation or a closing bracket that the URL did not open.
func urlEnd(text string, start, from int) int {
	end := from
	for end < len(text) {
		r, s := utf8.DecodeRuneInString(text[end:])
		if unicode.IsSpace(r) || unicode.IsControl(r) || r == utf8.RuneError && s == 1 || strings.ContainsRune(`<>"'«»“”‘’`, r) {
			break
		}
		end += s
	}
	// Brackets still open in the URL: a closing one beyond them is the
	// text's, as in "(vedi https://x.it/a)".
	open := strings.Count(text[start:end], "(") - strings.Count(text[start:end], ")")
	square := strings.Count(text[start:end], "[") - strings.Count(text[start:end], "]")
	for end > from {
		c := text[end-1]
		switch {
		case strings.IndexByte(".,;:!?", c) >= 0:
		case c == ')' && open < 0:
			open++
		case c == ']' && square < 0:
			square++
		default:
			return end
		}
		end--
	}
	return end
}

// canonicalHost lower-cases a host and decodes its internationalised labels
// (xn--citt-3oa.it → città.it), so that both spellings of a name meet.
func canonicalHost(host string) string {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	if !strings.Contains(host, "xn--") {
		return host
	}
	labels := strings.Split(host, ".")
	for i, l := range labels {
		if strings.HasPrefix(l, "xn--") {
			if u, ok := punycodeDecode(l[4:]); ok {
				labels[i] = strings.ToLower(u)
			}
		}
	}
	return strings.Join(labels, ".")
}

// punycodeDecode decodes the Punycode of an internationalised domain label
// (RFC 3492, section 6.2, with the parameters of section 5).
func punycodeDecode(s string) (string, bool) {
	const (
		base, tMin, tMax, skew, damp = 36, 1, 26, 38, 700
		initialBias, initialN        = 72, 128
	)
	var out []rune
	if k := strings.LastIndexByte(s, '-'); k >= 0 {
		for _, c := range s[:k] {
			if c >= utf8.RuneSelf {
				return "", false
			}
			out = append(out, c)
		}
		s = s[k+1:]
	}
	n, bias, i := rune(initialN), initialBias, 0
	adapt := func(delta, points int, first bool) int {
		if first {
			delta /= damp
		} else {
			delta /= 2
		}
		delta += delta / points
		k := 0
		for delta > ((base-tMin)*tMax)/2 {
			delta /= base - tMin
			k += base
		}
		return k + (base-tMin+1)*delta/(delta+skew)
	}
	for p := 0; p < len(s); {
		old, w := i, 1
		for k := base; ; k += base {
			if p >= len(s) {
				return "", false
			}
			c := s[p]
			p++
			var digit int
			switch {
			case c >= '0' && c <= '9':
				digit = int(c-'0') + 26
			case c >= 'a' && c <= 'z':
				digit = int(c - 'a')
			case c >= 'A' && c <= 'Z':
				digit = int(c - 'A')
			default:
				return "", false
			}
			if digit > (1<<31-1-i)/w {
				return "", false
			}
			i += digit * w
			t := k - bias
			if t < tMin {
				t = tMin
			} else if t > tMax {
				t = tMax
			}
			if digit < t {
				break
			}
			if w > (1<<31-1)/(base-t) {
				return "", false
			}
			w *= base - t
		}
		bias = adapt(i-old, len(out)+1, old == 0)
		n += rune(i / (len(out) + 1))
		i %= len(out) + 1
		if n > unicode.MaxRune || len(out) > 63 {
			return "", false
		}
		out = append(out, 0)
		copy(out[i+1:], out[i:])
		out[i] = n
		i++
	}
	return string(out), true
}

func domainSuffixes(host string) []string {
	var out []string
	for h := host; strings.Contains(h, "."); h = h[strings.Index(h, ".")+1:] {
		out = append(out, h)
	}
	return out
}

// Hashtags and Mentions find #tags and @names, folded for lookups.
func Hashtags(text string, idx *offsets) []Tag { return tags(text, idx, '#') }

func Mentions(text string, idx *offsets) []Tag { return tags(text, idx, '@') }

func tags(text string, idx *offsets, sign byte) []Tag {
	if idx == nil || idx.text != text {
		idx = newOffsets(text)
	}
	var out []Tag
	for i := 0; i < len(text); i++ {
		if text[i] != sign {
			continue
		}
		if i > 0 {
			// Not inside a word: an e-mail address, C#, an HTML entity.
			prev, _ := utf8.DecodeLastRuneInString(text[:i])
			if tagRune(prev, sign) || prev == '&' || prev == '#' || prev == '@' {
				continue
			}
		}
		end := i + 1
		for end < len(text) {
			r, s := utf8.DecodeRuneInString(text[end:])
			if !tagRune(r, sign) {
				break
			}
			end += s
		}
		for end > i+1 && text[end-1] == '.' {
			end--
		}
		if first, _ := utf8.DecodeRuneInString(text[i+1 : end]); end == i+1 || !alnumLike(first) {
			continue
		}
		body := text[i+1 : end]
		t := Tag{Tag: Fold(body), Start: idx.rune(i), End: idx.rune(end)}
		if t.Tag == "" {
			continue
		}
		if sign == '#' {
			t.Words = tagWords(body)
		}
		out = append(out, t)
		i = end - 1
	}
	return out
}

// tagRune: letters, digits, underscores and, in mentions, dots.
func tagRune(r rune, sign byte) bool {
	return alnumLike(r) || r == '_' || unicode.Is(unicode.Mn, r) || ignorable(r) || sign == '@' && r == '.'
}

// tagWords splits a hashtag at underscores and where its case changes
// (#SindacoLadro, #ASLNapoli, #Covid19Italia), folding each word.
func tagWords(body string) []string {
	rs := []rune(body)
	var out []string
	start := 0
	cut := func(at int) {
		if at > start {
			if w := Fold(string(rs[start:at])); w != "" {
				out = append(out, w)
			}
		}
	}
	for k := 0; k < len(rs); k++ {
		switch {
		case rs[k] == '_':
			cut(k)
			start = k + 1
		case k > start && unicode.IsUpper(rs[k]):
			prev := rs[k-1]
			if unicode.IsLower(prev) || unicode.IsDigit(prev) ||
				unicode.IsUpper(prev) && k+1 < len(rs) && unicode.IsLower(rs[k+1]) {
				cut(k)
				start = k
			}
		}
	}
	cut(len(rs))
	return out
}
