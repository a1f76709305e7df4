-- ASP.NET Core data protection key ring shared by every Gateway, so a cookie or anti-forgery token issued by one
-- Gateway is accepted by all (no stickiness to a Gateway behind a load balancer).
CREATE TABLE data_protection_keys (
    friendly_name text NOT NULL,
    xml           text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_data_protection_keys PRIMARY KEY (friendly_name)
);
