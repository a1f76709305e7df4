-- Cluster locks (IClusterLockStore). One row per lock name ever used, holding the fencing counter: last_token is the
-- largest fencing token issued for the name. The row is never deleted, so tokens never repeat or go back, even after
-- every holder has released. Acquisitions run in BEGIN IMMEDIATE transactions (the file's write lock), which
-- serialises them.
CREATE TABLE cluster_locks (
    lock_name   TEXT    NOT NULL PRIMARY KEY,
    last_token  INTEGER NOT NULL,
    CHECK (length(lock_name) BETWEEN 1 AND 200)
) WITHOUT ROWID;

-- One row per holder of a lock. mode: 0 Exclusive, 1 Shared. Times are Unix milliseconds of the database clock.
-- A holder is live while lease_expires_at_ms is in the future and its silo's membership row (if any) is not Dead;
-- other rows are stale and are deleted by the next acquisition of the same lock. An owner holds a lock at most once.
CREATE TABLE cluster_lock_holders (
    lock_name           TEXT    NOT NULL REFERENCES cluster_locks (lock_name),
    owner_id            TEXT    NOT NULL,
    silo_id             TEXT    NOT NULL,
    mode                INTEGER NOT NULL CHECK (mode IN (0, 1)),
    fencing_token       INTEGER NOT NULL,
    acquired_at_ms      INTEGER NOT NULL,
    lease_expires_at_ms INTEGER NOT NULL,
    PRIMARY KEY (lock_name, owner_id)
) WITHOUT ROWID;

-- ReleaseOwnerAsync (deactivation) and ReleaseSiloAsync.
CREATE INDEX ix_cluster_lock_holders_owner ON cluster_lock_holders (owner_id);
CREATE INDEX ix_cluster_lock_holders_silo ON cluster_lock_holders (silo_id);
