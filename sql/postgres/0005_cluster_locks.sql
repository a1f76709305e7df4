-- Cluster locks (IClusterLockStore). One row per lock name ever used, holding the fencing counter: last_token is the
-- largest fencing token issued for the name. The row is never deleted, so tokens never repeat or go back, even after
-- every holder has released. An acquisition locks this row (SELECT ... FOR UPDATE), which serialises all changes to the
-- name's holders.
CREATE TABLE cluster_locks (
    lock_name   text   NOT NULL,
    last_token  bigint NOT NULL,
    CONSTRAINT pk_cluster_locks PRIMARY KEY (lock_name),
    CONSTRAINT ck_cluster_locks_name CHECK (char_length(lock_name) BETWEEN 1 AND 200)
);

-- One row per holder of a lock. mode: 0 Exclusive, 1 Shared. Times are Unix milliseconds of the database clock.
-- A holder is live while lease_expires_at_ms is in the future and its silo's Orleans membership row (if any) is not Dead (6);
-- other rows are stale and are deleted by the next acquisition of the same lock. An owner holds a lock at most once.
CREATE TABLE cluster_lock_holders (
    lock_name           text     NOT NULL,
    owner_id            text     NOT NULL,
    silo_id             text     NOT NULL,
    mode                smallint NOT NULL,
    fencing_token       bigint   NOT NULL,
    acquired_at_ms      bigint   NOT NULL,
    lease_expires_at_ms bigint   NOT NULL,
    CONSTRAINT pk_cluster_lock_holders PRIMARY KEY (lock_name, owner_id),
    CONSTRAINT fk_cluster_lock_holders_lock FOREIGN KEY (lock_name) REFERENCES cluster_locks (lock_name),
    CONSTRAINT ck_cluster_lock_holders_mode CHECK (mode IN (0, 1))
);

-- ReleaseOwnerAsync (deactivation) and ReleaseSiloAsync.
CREATE INDEX ix_cluster_lock_holders_owner ON cluster_lock_holders (owner_id);
CREATE INDEX ix_cluster_lock_holders_silo ON cluster_lock_holders (silo_id);
