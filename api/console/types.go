package console

import "encoding/json"

// The API's answers, as far as the pages show them (api/openapi.yaml).

type ente struct {
	ID             string `json:"id"`
	Name           string `json:"name"`
	Version        string `json:"version"`
	Revision       string `json:"revision"`
	ActivatedAt    string `json:"activated_at"`
	Error          string `json:"error"`
	FailedRevision string `json:"failed_revision"`
	PolicyErrors   int64  `json:"policy_errors"`
}

type entiPage struct {
	Enti   []ente `json:"enti"`
	Failed []struct {
		ID    string `json:"id"`
		Error string `json:"error"`
	} `json:"failed"`
}

type action struct {
	Type   string `json:"type"`
	Until  string `json:"until,omitempty"`
	Office string `json:"office,omitempty"`
}

type evidence struct {
	Fact        string `json:"fact"`
	Match       string `json:"match"`
	Term        string `json:"term"`
	Start       *int   `json:"start"`
	End         *int   `json:"end"`
	Composition string `json:"composition"`
	Parts       []struct {
		Role  string `json:"role"`
		Match string `json:"match"`
		Start int    `json:"start"`
		End   int    `json:"end"`
	} `json:"parts"`
}

type violation struct {
	Rule     string `json:"rule"`
	Title    string `json:"title"`
	Category string `json:"category"`
	Severity string `json:"severity"`
	Outcome  string `json:"outcome"`
	Clause   struct {
		Section string `json:"section"`
		Quote   string `json:"quote"`
	} `json:"clause"`
	Evidence []evidence `json:"evidence"`
}

type notice struct {
	Text        string `json:"text"`
	Automated   bool   `json:"automated"`
	AppealUntil string `json:"appeal_until"`
}

// decision is a decision as /decide answers it, with what GET
// /decisions/{id} adds from the log.
type decision struct {
	DecisionID string `json:"decision_id"`
	Ente       string `json:"ente"`
	Policy     struct {
		Revision string `json:"revision"`
		Version  string `json:"version"`
	} `json:"policy"`
	Outcome    string      `json:"outcome"`
	Actions    []action    `json:"actions"`
	Violations []violation `json:"violations"`
	Author     struct {
		Violations int  `json:"violations"`
		Blocked    bool `json:"blocked"`
	} `json:"author"`
	Review struct {
		Required bool   `json:"required"`
		Due      string `json:"due"`
	} `json:"review"`
	Explanation string `json:"explanation"`
	Reply       *struct {
		Visibility string `json:"visibility"`
		Text       string `json:"text"`
	} `json:"reply"`
	StatementOfReasons map[string]any `json:"statement_of_reasons"`
	Notice             *notice        `json:"notice"`

	Seq              int64           `json:"seq"`
	DecidedAt        string          `json:"decided_at"`
	RecordedAt       string          `json:"recorded_at"`
	ContentID        string          `json:"content_id"`
	AuthorPseudonym  string          `json:"author_pseudonym"`
	Input            json.RawMessage `json:"input"`
	InputDigest      string          `json:"input_digest"`
	PrevHash         string          `json:"prev_hash"`
	Hash             string          `json:"hash"`
	Purged           bool            `json:"purged"`
	EffectiveOutcome string          `json:"effective_outcome"`
	EffectiveBy      string          `json:"effective_by"`
	Settlements      []settlement    `json:"settlements"`
}

// settlement is a record a person added about a decision.
type settlement struct {
	RecordID string `json:"record_id"`
	Kind     string `json:"kind"`
	Reviewer string `json:"reviewer"`
	At       string `json:"at"`
	Outcome  string `json:"outcome"`
	Result   string `json:"result"`
	Reason   string `json:"reason"`
	Grounds  string `json:"grounds"`
	By       string `json:"by"`
	Seq      int64  `json:"seq"`
	Hash     string `json:"hash"`
}

type decisionsPage struct {
	Decisions  []decision `json:"decisions"`
	NextCursor string     `json:"next_cursor"`
}

type reviewItem struct {
	ID               string   `json:"id"`
	Ente             string   `json:"ente"`
	Kind             string   `json:"kind"`
	State            string   `json:"state"`
	DecisionID       string   `json:"decision_id"`
	AppealID         string   `json:"appeal_id"`
	ProposedOutcome  string   `json:"proposed_outcome"`
	Categories       []string `json:"categories"`
	CreatedAt        string   `json:"created_at"`
	Due              string   `json:"due"`
	Overdue          bool     `json:"overdue"`
	ExcludedReviewer string   `json:"excluded_reviewer"`
	ClaimedBy        string   `json:"claimed_by"`
	ClaimUntil       string   `json:"claim_until"`
	ResolvedAt       string   `json:"resolved_at"`
	ResolvedBy       string   `json:"resolved_by"`
	ResolutionID     string   `json:"resolution_id"`
}

type reviewsPage struct {
	Reviews    []reviewItem `json:"reviews"`
	NextCursor string       `json:"next_cursor"`
}

type activation struct {
	Kind   string `json:"kind"`
	Server string `json:"server"`
	At     string `json:"at"`
	Error  string `json:"error"`
}

type version struct {
	Activations   []activation `json:"activations"`
	Revision      string       `json:"revision"`
	Ente          string       `json:"ente"`
	Version       string       `json:"version"`
	CreatedAt     string       `json:"created_at"`
	Files         int          `json:"files"`
	LastActivated string       `json:"last_activated"`
	Error         string       `json:"error"`
}

type versionsPage struct {
	Versions   []version `json:"versions"`
	NextCursor string    `json:"next_cursor"`
}
