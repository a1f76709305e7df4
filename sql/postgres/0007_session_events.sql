-- Session events (started, fail-over, time-out, ended) counted cluster-wide with atomic increments.
CREATE TABLE session_events (
    kind  text   NOT NULL PRIMARY KEY,
    count bigint NOT NULL
);
