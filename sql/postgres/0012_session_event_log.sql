-- The last session events (started, fail-over, time-out, ended) with their session, application and silo, for the admin
-- console. Each silo appends its events in batches; old rows are pruned to the newest 10,000.
CREATE TABLE session_event_log (
    id         bigserial   NOT NULL PRIMARY KEY,
    at         timestamptz NOT NULL,
    kind       text        NOT NULL,
    session_id text        NOT NULL,
    app        text        NOT NULL,
    silo       text        NOT NULL
);
