package store

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
)

// Pseudonymizer turns an author's platform id into a pseudonym: a keyed
// HMAC-SHA256, per ente, so that the log can count an author's violations
// without holding who they are, and the same id in two enti is two
// pseudonyms.
type Pseudonymizer struct{ key []byte }

// NewPseudonymizer keys a Pseudonymizer; the key must be kept secret and
// never change, or history starts over.
func NewPseudonymizer(key []byte) *Pseudonymizer { return &Pseudonymizer{key: key} }

// Of is the pseudonym of an author id in an ente; "" for no id.
func (p *Pseudonymizer) Of(ente, authorID string) string {
	if authorID == "" {
		return ""
	}
	m := hmac.New(sha256.New, p.key)
	m.Write([]byte(ente))
	m.Write([]byte{0})
	m.Write([]byte(authorID))
	return "ps_" + hex.EncodeToString(m.Sum(nil)[:16])
}
