// Package facts computes, from the raw text of a request, the facts that the
// policies judge: normalised tokens and phrases with offsets back to the
// original text, links, mentions and hashtags, personal-data findings,
// shouting and topic similarity.
//
// Facts never decide anything. Which words are offensive, which domains are
// the ente's own, which thresholds apply: all of that lives in policies/.
// Every offset is counted in Unicode code points of the text after NFC
// normalisation (for text sent already in NFC, as almost all is, that is
// the text as sent).
package facts
