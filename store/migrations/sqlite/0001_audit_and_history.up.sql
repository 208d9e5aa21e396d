-- The audit log: one row per decision, chained per ente.
CREATE TABLE decisions (
    ente          TEXT    NOT NULL,
    seq           INTEGER NOT NULL,
    decision_id   TEXT    NOT NULL UNIQUE,
    revision      TEXT    NOT NULL,
    content_id    TEXT    NOT NULL,
    author        TEXT    NOT NULL,
    outcome       TEXT    NOT NULL,
    categories    TEXT    NOT NULL, -- comma-separated, sorted
    decided_at    INTEGER NOT NULL, -- unix nanoseconds
    recorded_at   INTEGER NOT NULL,
    decision      TEXT    NOT NULL, -- JSON
    input         TEXT,             -- JSON, masked; NULL once purged
    input_digest  TEXT    NOT NULL,
    prev_hash     TEXT    NOT NULL,
    hash          TEXT    NOT NULL,
    PRIMARY KEY (ente, seq)
);
CREATE UNIQUE INDEX decisions_content ON decisions (ente, content_id, revision) WHERE content_id <> '';
CREATE INDEX decisions_time ON decisions (decided_at);
CREATE INDEX decisions_author ON decisions (ente, author);

-- The last record of each ente's chain.
CREATE TABLE chain_heads (
    ente TEXT    PRIMARY KEY,
    seq  INTEGER NOT NULL,
    hash TEXT    NOT NULL
);

-- What authors did, per ente: certain violations, warnings, blocks.
CREATE TABLE author_events (
    ente        TEXT    NOT NULL,
    author      TEXT    NOT NULL,
    kind        TEXT    NOT NULL, -- violation | warning | block
    at          INTEGER NOT NULL,
    until       INTEGER,          -- block end; NULL for a block for good
    lifted_at   INTEGER,          -- a block lifted by an admin
    categories  TEXT    NOT NULL,
    decision_id TEXT    NOT NULL
);
CREATE INDEX author_events_author ON author_events (ente, author, kind, at);

-- Fingerprints of what authors posted, for repeated content.
CREATE TABLE fingerprints (
    ente        TEXT    NOT NULL,
    author      TEXT    NOT NULL,
    fingerprint TEXT    NOT NULL,
    at          INTEGER NOT NULL,
    decision_id TEXT    NOT NULL
);
CREATE INDEX fingerprints_author ON fingerprints (ente, author, fingerprint, at);

-- Secrets the store generates once and keeps (the pseudonym key).
CREATE TABLE keys (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
