-- Grain directory: at most one activation per grain in the cluster. The first registration wins (insert-if-absent);
-- a silo can register only while its membership row is Active, so a dead or fenced silo never claims a grain.
CREATE TABLE grain_directory (
    cluster_id       text   NOT NULL,
    grain_id         text   NOT NULL,
    silo_id          text   NOT NULL,
    activation_id    text   NOT NULL,
    registered_at_ms bigint NOT NULL,
    CONSTRAINT pk_grain_directory PRIMARY KEY (cluster_id, grain_id)
);

CREATE INDEX ix_grain_directory_silo ON grain_directory (cluster_id, silo_id);
