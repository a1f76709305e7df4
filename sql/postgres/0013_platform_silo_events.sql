-- The membership history of the admin console: when each silo (Orleans address, address:port@generation) joined, and
-- whether it left gracefully or died (declared dead by the others without having left). At most one row per silo and
-- kind; rows older than a week are pruned when a silo joins.
CREATE TABLE platform_silo_events (
    silo_id   text        NOT NULL,
    kind      text        NOT NULL CHECK (kind IN ('joined', 'left', 'died')),
    silo_name text        NOT NULL,
    at        timestamptz NOT NULL,
    CONSTRAINT pk_platform_silo_events PRIMARY KEY (silo_id, kind)
);

CREATE INDEX ix_platform_silo_events_at ON platform_silo_events (at);
