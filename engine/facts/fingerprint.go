package facts

import (
	"math/bits"
	"strconv"
)

// Repetition: the store keeps a fingerprint of everything an author posts,
// and counts the author's earlier contents whose fingerprint is close to
// the new one's. A cryptographic hash would tell only identical texts; the
// same message posted again with a word changed must count too.
//
// The fingerprint is a 64-bit SimHash (M. Charikar, "Similarity estimation
// techniques from rounding algorithms", STOC 2002; used for near-duplicate
// web pages by G. S. Manku, A. Jain, A. Das Sarma, "Detecting
// near-duplicates for web crawling", WWW 2007). Each feature of the text is
// hashed to 64 bits; bit i of the fingerprint is 1 when more features have
// bit i set than not. Texts that share most of their features get
// fingerprints that differ in few bits, so the Hamming distance between two
// fingerprints estimates how different the texts are: about 64·θ/π bits for
// texts whose feature vectors are at angle θ.
//
// The features are the words, folded as for the lexicon (case, accents,
// leetspeak) with every run of a repeated letter cut to one, and the word
// shingles of two (every pair of consecutive words, as in A. Broder et
// al., "Syntactic clustering of the web", 1997). Punctuation, capitals,
// spacing and letter floods change no feature; changing one word of n
// changes three of 2n-1, so a word changed in a twenty-word comment moves
// the fingerprint by about 8 bits, while unrelated texts are about 32 apart.

// Fingerprint is the SimHash of the text's words, as 16 hex digits; "" for
// a text without words (a photo alone), which has nothing to repeat.
func Fingerprint(toks []Token) string {
	words := fingerprintWords(toks)
	if len(words) == 0 {
		return ""
	}
	var votes [64]int
	add := func(h uint64) {
		for i := range votes {
			if h&(1<<i) != 0 {
				votes[i]++
			} else {
				votes[i]--
			}
		}
	}
	for i, w := range words {
		h := fnv64(fnvOffset, w)
		add(mix64(h))
		if i+1 < len(words) {
			add(mix64(fnv64(fnv64(h, " "), words[i+1])))
		}
	}
	var fp uint64
	for i, v := range votes {
		if v > 0 {
			fp |= 1 << i
		}
	}
	return hex16(fp)
}

// Distance is the number of bits in which two fingerprints differ; false
// when either is not a fingerprint of this kind (an older format kept by
// the store), which can then only be compared for equality.
func Distance(a, b string) (int, bool) {
	x, okA := parseFingerprint(a)
	y, okB := parseFingerprint(b)
	if !okA || !okB {
		return 0, false
	}
	return bits.OnesCount64(x ^ y), true
}

func parseFingerprint(s string) (uint64, bool) {
	if len(s) != 16 {
		return 0, false
	}
	v, err := strconv.ParseUint(s, 16, 64)
	return v, err == nil
}

func hex16(v uint64) string {
	const digits = "0123456789abcdef"
	var b [16]byte
	for i := 15; i >= 0; i-- {
		b[i] = digits[v&0xf]
		v >>= 4
	}
	return string(b[:])
}

// fingerprintWords are the folded words of the text in order, each run of
// a repeated letter cut to one ("ciaooo" and "ciao" are one word). A word
// joined from letters spelled out is left out, whether Tokenize put it
// after its letters or the grammar before them: the letters are there.
func fingerprintWords(toks []Token) []string {
	words := make([]string, 0, len(toks))
	end := 0
	for i, t := range toks {
		if t.Start < end || i+1 < len(toks) && toks[i+1].Start == t.Start && toks[i+1].End == t.Start+1 && t.End > t.Start+1 {
			continue
		}
		end = t.End
		words = append(words, squeeze(t.Norm))
	}
	return words
}

// squeeze cuts every run of a repeated byte other than a digit to one
// ("2000" stays). The result is only hashed: cutting inside a multi-byte
// letter is harmless, since it is the same cut every time.
func squeeze(w string) string {
	repeated := func(i int) bool { return w[i] == w[i-1] && (w[i] < '0' || w[i] > '9') }
	for i := 1; i < len(w); i++ {
		if repeated(i) {
			b := []byte(w[:i])
			for j := i; j < len(w); j++ {
				if !repeated(j) {
					b = append(b, w[j])
				}
			}
			return string(b)
		}
	}
	return w
}

// FNV-1a, 64 bits (G. Fowler, L. C. Noll, K.-P. Vo; IETF draft
// draft-eastlake-fnv), then the 64-bit finaliser of MurmurHash3 (A. Appleby)
// so that every input bit reaches every output bit: FNV alone leaves the
// high bits of short words poorly mixed, and SimHash needs every bit fair.
// Both are fixed functions, so a fingerprint stored today compares with
// one computed after a restart, unlike hash/maphash's per-process seed.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func fnv64(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

func mix64(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}
