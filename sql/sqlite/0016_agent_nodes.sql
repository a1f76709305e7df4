-- The node agents' nodes, resource transitions and failover group placement (see the PostgreSQL migration of the same
-- number). Times are Unix milliseconds.
CREATE TABLE nodes (
    node_id         TEXT    NOT NULL PRIMARY KEY,
    host_name       TEXT    NOT NULL,
    agent_url       TEXT    NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('up', 'down', 'stopped')),
    version         TEXT    NOT NULL,
    pid             INTEGER NOT NULL,
    started_at_ms   INTEGER NOT NULL,
    heartbeat_at_ms INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE resource_transitions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    node_id     TEXT    NOT NULL,
    group_id    TEXT    NOT NULL,
    resource_id TEXT    NOT NULL,
    from_state  TEXT    NOT NULL,
    to_state    TEXT    NOT NULL,
    reason      TEXT    NULL,
    pid         INTEGER NULL,
    exit_code   INTEGER NULL,
    at_ms       INTEGER NOT NULL
);

CREATE INDEX ix_resource_transitions_resource ON resource_transitions (node_id, resource_id, id);

CREATE TABLE agent_groups (
    group_id       TEXT    NOT NULL PRIMARY KEY,
    active_node    TEXT    NULL,
    fencing_token  INTEGER NOT NULL DEFAULT 0,
    preferred_node TEXT    NULL,
    changed_at_ms  INTEGER NOT NULL
) WITHOUT ROWID;
