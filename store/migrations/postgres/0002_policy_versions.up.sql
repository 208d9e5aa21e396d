-- File contents, addressed by the sha256 (hex) of their bytes: the library
-- and the lexicons, shared by every ente and most revisions, are kept once.
CREATE TABLE policy_blobs (
    digest  TEXT  PRIMARY KEY,
    content BYTEA NOT NULL
);

-- Every revision of an ente's policy a server loaded.
CREATE TABLE policy_versions (
    revision   TEXT   PRIMARY KEY, -- "sha256:..." of the canonicalised files
    ente       TEXT   NOT NULL,
    label      TEXT   NOT NULL,    -- the version label of the ente's data
    created_at BIGINT NOT NULL     -- unix nanoseconds, first stored
);
CREATE INDEX policy_versions_ente ON policy_versions (ente, created_at);

-- The files of each revision, by path relative to the policies folder.
CREATE TABLE policy_version_files (
    revision TEXT NOT NULL,
    path     TEXT NOT NULL,
    digest   TEXT NOT NULL,
    PRIMARY KEY (revision, path)
);

-- What servers did with revisions: loaded, reloaded, followed, rejected.
CREATE TABLE policy_activations (
    id       BIGSERIAL PRIMARY KEY,
    ente     TEXT   NOT NULL,
    revision TEXT   NOT NULL,
    kind     TEXT   NOT NULL, -- load | reload | follow | rejected
    server   TEXT   NOT NULL,
    at       BIGINT NOT NULL,
    error    TEXT   NOT NULL DEFAULT ''
);
CREATE INDEX policy_activations_ente ON policy_activations (ente, id);
