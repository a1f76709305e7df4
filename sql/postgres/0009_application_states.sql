-- Application states set from the admin console: enabled, draining (no new sessions; existing ones go on until they end
-- or expire) or disabled. No row means enabled. Every silo keeps a copy, reloaded on every change.
CREATE TABLE application_states (
    app_id     text        NOT NULL PRIMARY KEY,
    state      text        NOT NULL CHECK (state IN ('enabled', 'draining', 'disabled')),
    changed_at timestamptz NOT NULL
);
