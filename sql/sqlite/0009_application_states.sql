-- Application states set from the admin console (see the PostgreSQL migration of the same number).
CREATE TABLE application_states (
    app_id     TEXT NOT NULL PRIMARY KEY,
    state      TEXT NOT NULL CHECK (state IN ('enabled', 'draining', 'disabled')),
    changed_at TEXT NOT NULL
) WITHOUT ROWID;
