-- API keys. Only the sha256 (hex) of a key is kept: the key itself is shown
-- once, when it is created, and cannot be read back.
CREATE TABLE api_keys (
    id         TEXT    PRIMARY KEY, -- shown in lists and used to revoke; not secret
    name       TEXT    NOT NULL,
    hash       TEXT    NOT NULL UNIQUE,
    enti       TEXT    NOT NULL,    -- comma-separated ente ids, or "*" for every ente
    roles      TEXT    NOT NULL,    -- comma-separated: decide, audit, admin
    created_at INTEGER NOT NULL,    -- unix nanoseconds
    revoked_at INTEGER              -- unix nanoseconds; NULL while the key is valid
);
