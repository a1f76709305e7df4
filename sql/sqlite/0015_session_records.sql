-- Incarnation numbers and the session_records view (see the PostgreSQL migration of the same number).
CREATE TABLE silo_incarnations (
    incarnation   INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    silo_id       TEXT    NOT NULL UNIQUE,
    registered_at TEXT    NOT NULL
);

CREATE VIEW session_records AS
SELECT g.grain_key                                    AS session_id,
       json_extract(g.state, '$.a')                   AS app,
       json_extract(g.state, '$.v')                   AS version,
       i.silo_id                                      AS silo,
       CAST(json_extract(g.state, '$.e') AS INTEGER)  AS expires_ms,
       CAST(json_extract(g.state, '$.s') AS INTEGER)  AS seq,
       g.state                                        AS state
FROM grain_state g
LEFT JOIN silo_incarnations i ON i.incarnation = json_extract(g.state, '$.i')
WHERE g.state_name = 'session';
