# METADATA
# title: Test inputs
# description: >-
#   Builders of the input the engine evaluates, shared by the Rego tests of
#   the library and of every ente: words become tokens and two- and
#   three-word phrases, links and their parent domains look as the engine
#   reports them. An ente's tests write only their own defaults (ente,
#   channel, dates, schedule) over these.
package galateo.lib.testinput

import rego.v1

# METADATA
# title: Input builder
# description: >-
#   words are the text, one space apart; each becomes a token whose key is
#   its lower case, and every run of two or three words a phrase. overrides
#   (an ente's defaults, then a test's own) are merged over sane defaults, a
#   citizen's comment on facebook on Monday 23 November 2026 at 10:15 with
#   no history, recursively (object.union).
mk(words, overrides) := object.union(
	{
		"ente": "esempio",
		"channel": {"platform": "facebook", "account": "comune.esempio"},
		"content": {"id": "1_2", "kind": "comment", "text": concat(" ", words), "created_at": "2026-11-23T10:15:00+01:00"},
		"author": {"id": "fb:1", "role": "citizen", "office": "", "anonymous": false, "anonymity_reason": ""},
		"signals": {},
		"now": "2026-11-23T10:15:03+01:00",
		"facts": {
			"tokens": tokens(words),
			"ngrams": ngrams(words),
			"links": [],
			"hashtags": [],
			"mentions": [],
			"pii": [],
			"form": {"runes": count(concat(" ", words)), "letters": count(concat("", words)), "caps_ratio": 0, "emoji": 0, "question": false},
			"content_words": count(words),
			"history": {"violations": 0, "window_days": 90, "last_warning": null, "blocked_until": null},
			"repetition": {"count": 0},
			"schedule": {"staffed_now": true, "next_staffed": null, "due": "2026-11-23T13:00:00+01:00"},
		},
	},
	overrides,
)

# METADATA
# title: Offset of the i-th word
start(_, 0) := 0

start(words, i) := count(concat(" ", array.slice(words, 0, i))) + 1 if i > 0

# METADATA
# title: Tokens of the words
tokens(words) := [{"text": w, "norm": lower(w), "keys": [lower(w)], "start": start(words, i), "end": start(words, i) + count(w)} |
	some i, w in words
]

# METADATA
# title: Two- and three-word phrases of the words
ngrams(words) := [{"key": lower(text), "text": text, "start": start(words, i), "end": start(words, i) + count(text)} |
	some n in [2, 3]
	count(words) >= n
	some i in numbers.range(0, count(words) - n)
	text := concat(" ", array.slice(words, i, i + n))
]

# METADATA
# title: A link as the engine reports it, with the host's parent domains
link(url, host, start) := {
	"url": url,
	"host": host,
	"domain_suffixes": suffixes(host),
	"start": start,
	"end": start + count(url),
}

# METADATA
# title: A host and its parent domains, as the engine lists them
suffixes(host) := [concat(".", array.slice(parts, i, count(parts))) |
	parts := split(host, ".")
	some i in numbers.range(0, count(parts) - 2)
]
