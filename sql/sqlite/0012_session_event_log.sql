-- The last session events for the admin console (see the PostgreSQL migration of the same number).
CREATE TABLE session_event_log (
    id         INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    at         TEXT    NOT NULL,
    kind       TEXT    NOT NULL,
    session_id TEXT    NOT NULL,
    app        TEXT    NOT NULL,
    silo       TEXT    NOT NULL
);
