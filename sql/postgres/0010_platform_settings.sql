-- Settings operators store from the admin console (oplat config set): scope 'cluster' for every process, or
-- 'silo:<name>' for one silo. Processes read them as a configuration layer above appsettings and below their own
-- environment and command line, and reload it within a second of a change.
CREATE TABLE platform_settings (
    scope      text        NOT NULL,
    key        text        NOT NULL,
    value      text        NOT NULL,
    updated_at timestamptz NOT NULL,
    CONSTRAINT pk_platform_settings PRIMARY KEY (scope, key)
);

-- Every change bumps this counter, so that a process can tell in one cheap read whether to reload.
CREATE TABLE platform_settings_version (
    id      integer NOT NULL PRIMARY KEY CHECK (id = 1),
    version bigint  NOT NULL
);

INSERT INTO platform_settings_version (id, version) VALUES (1, 0);
