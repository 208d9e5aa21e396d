-- The outbox of the Facebook and Instagram connector (issue "Facebook and
-- Instagram: webhooks in, Graph API actions out, nothing lost").
--
-- Each change of a signed delivery is a row, stored before the delivery is
-- acknowledged. A worker decides it (the decision goes to the audit log as
-- POST /decide's) and carries out its actions through the Graph API; the
-- row keeps where it stands and what every Graph call answered. A
-- redelivery of the same change (same object, same content digest) adds no
-- row; an edited comment has another digest and is a new row.
CREATE TABLE meta_deliveries (
    id              TEXT    PRIMARY KEY,
    ente            TEXT    NOT NULL DEFAULT '', -- '' when no ente has the page (state ignored)
    platform        TEXT    NOT NULL,            -- facebook | instagram
    page_id         TEXT    NOT NULL,            -- the page or Instagram account of the entry
    object_id       TEXT    NOT NULL,            -- the comment or post id
    digest          TEXT    NOT NULL,            -- sha256 of the change as decided
    request         BYTEA   NOT NULL,            -- the mapped decision request, JSON
    state           TEXT    NOT NULL,            -- pending | decided | acting | done | waiting_review | dead | ignored
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT  NOT NULL,            -- unix nanoseconds; also the lease of the worker holding it
    last_error      TEXT    NOT NULL DEFAULT '',
    decision_id     TEXT    NOT NULL DEFAULT '',
    plan            BYTEA,                       -- the actions to carry out, JSON
    results         BYTEA,                       -- every Graph call and its answer, JSON
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL
);
CREATE UNIQUE INDEX meta_deliveries_change ON meta_deliveries (object_id, digest);
CREATE INDEX meta_deliveries_due ON meta_deliveries (state, next_attempt_at);
