-- Grain state (IGrainStorage): one row per (grain type, grain key, state name).
-- payload NULL with a version is a tombstone left by ClearStateAsync, so a stale ETag can never write again.
-- version is the ETag (as a decimal string); every write and clear increments it.
CREATE TABLE grain_state (
    grain_type  text        NOT NULL,
    grain_key   text        NOT NULL,
    state_name  text        NOT NULL,
    payload     jsonb       NULL,
    version     bigint      NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_grain_state PRIMARY KEY (grain_type, grain_key, state_name)
);
