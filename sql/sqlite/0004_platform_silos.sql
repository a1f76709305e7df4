-- The platform's own record of every silo process (see the PostgreSQL migration of the same number).
CREATE TABLE platform_silos (
    silo_id      TEXT    NOT NULL PRIMARY KEY,
    cluster_id   TEXT    NOT NULL,
    silo_name    TEXT    NOT NULL,
    host_name    TEXT    NOT NULL,
    pid          INTEGER NOT NULL,
    version      TEXT    NOT NULL,
    started_at   TEXT    NOT NULL,
    refreshed_at TEXT    NOT NULL
) WITHOUT ROWID;
