package engine

import "time"

// Decision is the response of POST /decide (DESIGN.md, "The decision API").
type Decision struct {
	DecisionID         string             `json:"decision_id"`
	Ente               string             `json:"ente"`
	Policy             PolicyRef          `json:"policy"`
	Outcome            string             `json:"outcome"`
	Actions            []Action           `json:"actions"`
	Violations         []Violation        `json:"violations"`
	Author             AuthorSummary      `json:"author"`
	Review             Review             `json:"review"`
	Reply              *Reply             `json:"reply,omitempty"`
	Explanation        string             `json:"explanation"`
	StatementOfReasons StatementOfReasons `json:"statement_of_reasons"`
	// Notice is the notice to the author of a removal, hiding or block
	// (policies/lib/notice.rego); nil when nothing is done to the content
	// or its author.
	Notice *Notice `json:"notice,omitempty"`
	// Classifier is set when the deployment's classifier was asked for the
	// signals (engine.WithClassifier).
	Classifier *ClassifierReport `json:"classifier,omitempty"`
	// Build is the binary that took the decision (CurrentBuild); nil in
	// records logged before builds were recorded.
	Build *Build `json:"build,omitempty"`
}

// Notice is what the author of content that is hidden or removed, or who
// is blocked, is told: what, why, whether automated, how and by when to
// appeal. The policy writes it (policies/lib/notice.rego).
type Notice struct {
	Text      string `json:"text"`
	Automated bool   `json:"automated"`
	// AppealUntil is the end of the period for a reclamo (RFC 3339).
	AppealUntil string `json:"appeal_until"`
}

// HistoryEffect is what a decision adds to its author's history, as the
// policy says it (policies/lib/history.rego): whether it counts as a
// violation, warns or blocks the author, and until when. It is not part of
// the response.
type HistoryEffect struct {
	Violation  bool
	Warning    bool
	Block      bool
	BlockUntil *time.Time // nil: no block, or a block without an end
}

// PolicyRef names the rules a decision was taken under.
type PolicyRef struct {
	Revision string `json:"revision"`
	Version  string `json:"version,omitempty"`
}

// Action is one thing to do; Until is set for block_author, Office for
// forward_to_office.
type Action struct {
	Type   string `json:"type"`
	Until  string `json:"until,omitempty"`
	Office string `json:"office,omitempty"`
}

// Violation is one rule the content breaks, with its clause and evidence.
type Violation struct {
	Rule     string           `json:"rule"`
	Title    string           `json:"title,omitempty"`
	Category string           `json:"category"`
	Severity string           `json:"severity"`
	Outcome  string           `json:"outcome"`
	Clause   Clause           `json:"clause"`
	Evidence []map[string]any `json:"evidence"`
}

// Clause cites the ente's own policy document.
type Clause struct {
	Section string `json:"section"`
	Quote   string `json:"quote"`
}

// AuthorSummary is the author's standing after this decision.
type AuthorSummary struct {
	Violations int  `json:"violations"`
	Blocked    bool `json:"blocked"`
}

// Review says whether a person must act, and by when.
type Review struct {
	Required    bool   `json:"required"`
	StaffedNow  bool   `json:"staffed_now"`
	NextStaffed string `json:"next_staffed,omitempty"`
	Due         string `json:"due,omitempty"`
}

// Reply is the text to answer with, and whether in public or in private.
type Reply struct {
	Visibility string `json:"visibility"`
	Text       string `json:"text"`
}

// StatementOfReasons uses the field names and enumerations of the EU DSA
// transparency database (policies/lib/dsa.yaml, docs/dsa.md). It holds no
// personal data.
type StatementOfReasons struct {
	DecisionVisibility             []string `json:"decision_visibility"`
	DecisionVisibilityOther        string   `json:"decision_visibility_other,omitempty"`
	DecisionAccount                string   `json:"decision_account,omitempty"`
	EndDateAccountRestriction      string   `json:"end_date_account_restriction,omitempty"`
	DecisionGround                 string   `json:"decision_ground,omitempty"`
	IncompatibleContentGround      string   `json:"incompatible_content_ground,omitempty"`
	IncompatibleContentExplanation string   `json:"incompatible_content_explanation,omitempty"`
	IncompatibleContentIllegal     string   `json:"incompatible_content_illegal,omitempty"`
	Category                       string   `json:"category,omitempty"`
	CategoryAddition               []string `json:"category_addition,omitempty"`
	CategorySpecification          []string `json:"category_specification,omitempty"`
	CategorySpecificationOther     string   `json:"category_specification_other,omitempty"`
	ContentType                    []string `json:"content_type"`
	ContentLanguage                string   `json:"content_language"`
	ContentDate                    string   `json:"content_date,omitempty"`
	ApplicationDate                string   `json:"application_date"`
	DecisionFacts                  string   `json:"decision_facts"`
	SourceType                     string   `json:"source_type"`
	AutomatedDetection             string   `json:"automated_detection"`
	AutomatedDecision              string   `json:"automated_decision"`
	TerritorialScope               []string `json:"territorial_scope"`
	PlatformName                   string   `json:"platform_name,omitempty"`
	PUID                           string   `json:"puid"`
}
