-- Session events (started, fail-over, time-out, ended) counted with atomic increments.
CREATE TABLE session_events (
    kind  TEXT    NOT NULL PRIMARY KEY,
    count INTEGER NOT NULL
) WITHOUT ROWID;
