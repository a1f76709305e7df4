-- Grain state (IGrainStorage): one row per (grain type, grain key, state name).
-- payload NULL with a version is a tombstone left by ClearStateAsync, so a stale ETag can never write again.
-- version is the ETag (as a decimal string); every write and clear increments it.
-- payload holds JSON text; updated_at is UTC ISO-8601 text.
CREATE TABLE grain_state (
    grain_type  TEXT   NOT NULL,
    grain_key   TEXT   NOT NULL,
    state_name  TEXT   NOT NULL,
    payload     TEXT   NULL,
    version     BIGINT NOT NULL,
    updated_at  TEXT   NOT NULL,
    PRIMARY KEY (grain_type, grain_key, state_name)
) WITHOUT ROWID;
