-- Incarnation numbers: a short number per silo incarnation (Orleans address, address:port@generation), so a session
-- record names the silo that wrote it in a few bytes. Rows are never reused; a silo registers itself before it serves.
CREATE TABLE silo_incarnations (
    incarnation   bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    silo_id       text        NOT NULL,
    registered_at timestamptz NOT NULL,
    CONSTRAINT ux_silo_incarnations_silo UNIQUE (silo_id)
);

-- Session records as SQL reads them: the compact JSON fields spelled out and the writing silo's address. The one place
-- that knows the record's layout (see SessionRecord); an ended session keeps its row with state NULL.
CREATE VIEW session_records AS
SELECT g.grain_key                      AS session_id,
       g.state ->> 'a'                  AS app,
       g.state ->> 'v'                  AS version,
       i.silo_id                        AS silo,
       (g.state ->> 'e')::bigint        AS expires_ms,
       (g.state ->> 's')::bigint        AS seq,
       g.state                          AS state
FROM grain_state g
LEFT JOIN silo_incarnations i ON i.incarnation = (g.state ->> 'i')::bigint
WHERE g.state_name = 'session';
