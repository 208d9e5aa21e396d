-- Human review and appeals (issue "Human review, appeals and transparency").
--
-- The audit log keeps, besides decisions, the records a person adds to an
-- ente's chain: a reviewer's resolution of a decision, a citizen's appeal
-- (reclamo) and its outcome. kind says which; settles names the decision
-- they concern. platform is the channel's, for the transparency report.
ALTER TABLE decisions ADD COLUMN kind TEXT NOT NULL DEFAULT 'decision'; -- decision | resolution | appeal | appeal_decision
ALTER TABLE decisions ADD COLUMN settles TEXT NOT NULL DEFAULT '';
ALTER TABLE decisions ADD COLUMN platform TEXT NOT NULL DEFAULT '';
UPDATE decisions SET platform = COALESCE(json_extract(input, '$.channel.platform'), '') WHERE input IS NOT NULL;
CREATE INDEX decisions_settles ON decisions (settles, seq) WHERE settles <> '';

-- What a person's decision took back from an author's history: the
-- events of a decision that a resolution or an appeal changed stop
-- counting at voided_at (History sees them before then, as a replay must).
ALTER TABLE author_events ADD COLUMN voided_at BIGINT;

-- The review queue: one item per decision a person must look at, and one
-- per appeal. It is working state (who holds an item, until when); what a
-- person decided is a record of the chain (resolution_id).
CREATE TABLE reviews (
    id            TEXT   PRIMARY KEY,
    ente          TEXT   NOT NULL,
    kind          TEXT   NOT NULL,            -- review | appeal
    decision_id   TEXT   NOT NULL,            -- the decision to look at
    appeal_id     TEXT   NOT NULL DEFAULT '', -- for an appeal: its record
    created_at    BIGINT NOT NULL,            -- unix nanoseconds
    due_at        BIGINT NOT NULL,
    excluded      TEXT   NOT NULL DEFAULT '', -- the reviewer who may not take it (resolved the decision)
    claimed_by    TEXT   NOT NULL DEFAULT '',
    claim_until   BIGINT,
    resolved_at   BIGINT,
    resolved_by   TEXT   NOT NULL DEFAULT '',
    resolution_id TEXT   NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX reviews_decision ON reviews (decision_id, kind);
CREATE INDEX reviews_queue ON reviews (ente, resolved_at, due_at);
