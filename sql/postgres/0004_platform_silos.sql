-- The platform's own record of every silo process that joined the cluster: what Orleans' membership table does not
-- hold (process id, version), keyed by the silo's Orleans address (address:port@generation). Written by each silo when
-- it starts and refreshed while it runs; rows of dead silos are kept for the cluster view and pruned after a day.
CREATE TABLE platform_silos (
    silo_id      text        NOT NULL,
    cluster_id   text        NOT NULL,
    silo_name    text        NOT NULL,
    host_name    text        NOT NULL,
    pid          integer     NOT NULL,
    version      text        NOT NULL,
    started_at   timestamptz NOT NULL,
    refreshed_at timestamptz NOT NULL,
    CONSTRAINT pk_platform_silos PRIMARY KEY (silo_id)
);

CREATE INDEX ix_platform_silos_cluster ON platform_silos (cluster_id);
