-- ASP.NET Core data protection key ring shared by every Gateway, so a cookie or anti-forgery token issued by one
-- Gateway is accepted by all (no stickiness to a Gateway behind a load balancer).
CREATE TABLE data_protection_keys (
    friendly_name TEXT NOT NULL PRIMARY KEY,
    xml           TEXT NOT NULL,
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) WITHOUT ROWID;
