-- The users of the applications (README, Users of applications): who may sign in to an application that needs it. The
-- password only as ASP.NET Core Identity's hash (PBKDF2, salted); roles comma-separated; failed_count counts failed
-- sign-ins in a row, and lockout_end_ms (Unix ms) is when a lockout ends.
CREATE TABLE app_users (
    name           TEXT    NOT NULL PRIMARY KEY,
    password_hash  TEXT    NOT NULL,
    roles          TEXT    NOT NULL DEFAULT '',
    disabled       INTEGER NOT NULL DEFAULT 0,
    failed_count   INTEGER NOT NULL DEFAULT 0,
    lockout_end_ms INTEGER NULL,
    created_at_ms  INTEGER NOT NULL
) WITHOUT ROWID;
