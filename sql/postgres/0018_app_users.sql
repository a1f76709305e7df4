-- The users of the applications (README, Users of applications): who may sign in to an application that needs it. The
-- password only as ASP.NET Core Identity's hash (PBKDF2, salted); roles comma-separated; failed_count counts failed
-- sign-ins in a row, and lockout_end_ms (Unix ms) is when a lockout ends.
CREATE TABLE app_users (
    name           text     NOT NULL,
    password_hash  text     NOT NULL,
    roles          text     NOT NULL DEFAULT '',
    disabled       boolean  NOT NULL DEFAULT false,
    failed_count   integer  NOT NULL DEFAULT 0,
    lockout_end_ms bigint   NULL,
    created_at_ms  bigint   NOT NULL,
    CONSTRAINT pk_app_users PRIMARY KEY (name)
);
