-- Settings operators store from the admin console (see the PostgreSQL migration of the same number).
CREATE TABLE platform_settings (
    scope      TEXT NOT NULL,
    key        TEXT NOT NULL,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (scope, key)
) WITHOUT ROWID;

CREATE TABLE platform_settings_version (
    id      INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);

INSERT INTO platform_settings_version (id, version) VALUES (1, 0);
