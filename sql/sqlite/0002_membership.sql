-- Cluster membership (the hub). One row per silo incarnation; silo_id = 'host:port@generation'.
-- status: 1 Joining, 2 Active, 3 ShuttingDown, 4 Dead.
-- Times are Unix milliseconds taken from the database clock, so silos never compare their own clocks.
-- membership_version is bumped (optimistic concurrency) by every status change and death declaration;
-- heartbeats and load updates do not bump it. suspicions and load hold JSON text.
CREATE TABLE membership_version (
    cluster_id  TEXT    NOT NULL PRIMARY KEY,
    version     INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE membership (
    cluster_id      TEXT    NOT NULL,
    silo_id         TEXT    NOT NULL,
    host            TEXT    NOT NULL,
    port            INTEGER NOT NULL,
    generation      INTEGER NOT NULL,
    silo_name       TEXT    NOT NULL,
    role            TEXT    NOT NULL,
    pid             INTEGER NOT NULL,
    status          INTEGER NOT NULL,
    started_at_ms   INTEGER NOT NULL,
    heartbeat_at_ms INTEGER NOT NULL,
    suspicions      TEXT    NOT NULL DEFAULT '[]',
    load            TEXT    NOT NULL DEFAULT '{}',
    config_digest   TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (cluster_id, silo_id)
) WITHOUT ROWID;
