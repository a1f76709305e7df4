-- The membership history of the admin console (see the PostgreSQL migration of the same number).
CREATE TABLE platform_silo_events (
    silo_id   TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('joined', 'left', 'died')),
    silo_name TEXT NOT NULL,
    at        TEXT NOT NULL,
    PRIMARY KEY (silo_id, kind)
) WITHOUT ROWID;

CREATE INDEX ix_platform_silo_events_at ON platform_silo_events (at);
