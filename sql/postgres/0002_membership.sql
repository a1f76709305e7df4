-- Cluster membership (the hub). One row per silo incarnation; silo_id = 'host:port@generation'.
-- status: 1 Joining, 2 Active, 3 ShuttingDown, 4 Dead.
-- Times are Unix milliseconds taken from the database clock, so silos never compare their own clocks.
-- membership_version is bumped (optimistic concurrency) by every status change and death declaration;
-- heartbeats and load updates do not bump it.
CREATE TABLE membership_version (
    cluster_id  text   NOT NULL,
    version     bigint NOT NULL,
    CONSTRAINT pk_membership_version PRIMARY KEY (cluster_id)
);

CREATE TABLE membership (
    cluster_id      text     NOT NULL,
    silo_id         text     NOT NULL,
    host            text     NOT NULL,
    port            integer  NOT NULL,
    generation      bigint   NOT NULL,
    silo_name       text     NOT NULL,
    role            text     NOT NULL,
    pid             integer  NOT NULL,
    status          smallint NOT NULL,
    started_at_ms   bigint   NOT NULL,
    heartbeat_at_ms bigint   NOT NULL,
    suspicions      jsonb    NOT NULL DEFAULT '[]'::jsonb,
    load            jsonb    NOT NULL DEFAULT '{}'::jsonb,
    config_digest   text     NOT NULL DEFAULT '',
    CONSTRAINT pk_membership PRIMARY KEY (cluster_id, silo_id)
);
