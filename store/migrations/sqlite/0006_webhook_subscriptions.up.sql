-- Outbound webhooks (the generic one of issue "Facebook and Instagram:
-- webhooks in, Graph API actions out, nothing lost").
--
-- A subscription belongs to the API key that made it and names the enti
-- whose chains it follows. The audit log is the source of what is sent:
-- each subscription keeps, per ente, the seq of the last record its
-- receiver acknowledged, and a worker sends the records after it in order.
-- The secret signs the deliveries and is kept as it is (it must be read to
-- sign): a reader of the database could forge deliveries.
CREATE TABLE webhook_subscriptions (
    id              TEXT    PRIMARY KEY,
    key_id          TEXT    NOT NULL,            -- the API key that owns it; '' when the server runs without keys
    url             TEXT    NOT NULL,
    secret          TEXT    NOT NULL,            -- whsec_...
    enti            TEXT    NOT NULL,            -- comma-separated ente ids, or "*" for every ente
    created_at      BIGINT  NOT NULL,            -- unix nanoseconds
    leased_until    BIGINT  NOT NULL DEFAULT 0,  -- a worker delivers it until then
    next_attempt_at BIGINT  NOT NULL DEFAULT 0,  -- after a failure: not before then
    attempts        INTEGER NOT NULL DEFAULT 0,  -- failures in a row
    failing_since   BIGINT,                      -- NULL while the receiver answers
    last_error      TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX webhook_subscriptions_key ON webhook_subscriptions (key_id);

CREATE TABLE webhook_cursors (
    subscription_id TEXT   NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
    ente            TEXT   NOT NULL,
    seq             BIGINT NOT NULL,             -- the last record of the ente's chain delivered
    delivered_at    BIGINT,                      -- when; NULL before the first delivery
    PRIMARY KEY (subscription_id, ente)
);
