-- Grain directory: at most one activation per grain in the cluster. The first registration wins (insert-if-absent);
-- a silo can register only while its membership row is Active, so a dead or fenced silo never claims a grain.
CREATE TABLE grain_directory (
    cluster_id       TEXT    NOT NULL,
    grain_id         TEXT    NOT NULL,
    silo_id          TEXT    NOT NULL,
    activation_id    TEXT    NOT NULL,
    registered_at_ms INTEGER NOT NULL,
    PRIMARY KEY (cluster_id, grain_id)
) WITHOUT ROWID;

CREATE INDEX ix_grain_directory_silo ON grain_directory (cluster_id, silo_id);
