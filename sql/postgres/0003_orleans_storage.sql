-- Orleans grain state (Microsoft.Orleans.Persistence.AdoNet). One row per grain state; Version is the ETag. The payload
-- is the state as UTF-8 JSON (the platform's System.Text.Json grain-storage serializer); the grain_state view below
-- shows it as jsonb. A clear keeps the row (payload NULL, version + 1) so a stale activation's ETag never matches again.
CREATE TABLE OrleansStorage (
    GrainIdHash            integer       NOT NULL,
    GrainIdN0              bigint        NOT NULL,
    GrainIdN1              bigint        NOT NULL,
    GrainTypeHash          integer       NOT NULL,
    GrainTypeString        varchar(512)  NOT NULL,
    GrainIdExtensionString varchar(512)  NULL,
    ServiceId              varchar(150)  NOT NULL,
    PayloadBinary          bytea         NULL,
    ModifiedOn             timestamp     NOT NULL,
    Version                integer       NULL
);

-- One row per grain state: concurrent first writes of one grain insert once (ON CONFLICT below names this index).
CREATE UNIQUE INDEX UX_OrleansStorage_Grain ON OrleansStorage
    (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, GrainTypeString, ServiceId, (coalesce(GrainIdExtensionString, '')));

-- Writes and clears are fenced: they land only while the writing silo is a live member (Joining, Active, ShuttingDown
-- or Stopping) in OrleansMembershipTable, checked in the same statement. A silo's connections carry its identity in
-- session settings (orleansplatform.cluster_id, .silo_address, .silo_port, .silo_generation; see StorageFenceSettings),
-- so a silo frozen past its death declaration cannot write after it resumes, even holding the current ETag.
-- A write that does not land returns no row, which Orleans reports as InconsistentStateException.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('WriteToStorageKey', '
    WITH fence AS (
        SELECT 1 FROM OrleansMembershipTable m
        WHERE m.DeploymentId = current_setting(''orleansplatform.cluster_id'', true)
          AND m.Address = current_setting(''orleansplatform.silo_address'', true)
          AND m.Port = CAST(NULLIF(current_setting(''orleansplatform.silo_port'', true), '''') AS integer)
          AND m.Generation = CAST(NULLIF(current_setting(''orleansplatform.silo_generation'', true), '''') AS integer)
          AND m.Status IN (2, 3, 4, 5)),
    updated AS (
        UPDATE OrleansStorage
        SET PayloadBinary = @PayloadBinary, ModifiedOn = (now() AT TIME ZONE ''utc''), Version = Version + 1
        WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
          AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
          AND GrainTypeString = @GrainTypeString
          AND coalesce(GrainIdExtensionString, '''') = coalesce(CAST(@GrainIdExtensionString AS varchar), '''')
          AND ServiceId = @ServiceId
          AND Version = CAST(@GrainStateVersion AS integer)
          AND EXISTS (SELECT 1 FROM fence)
        RETURNING Version),
    inserted AS (
        INSERT INTO OrleansStorage
            (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId,
             PayloadBinary, ModifiedOn, Version)
        SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, CAST(@GrainIdExtensionString AS varchar),
               @ServiceId, @PayloadBinary, (now() AT TIME ZONE ''utc''), 1
        WHERE CAST(@GrainStateVersion AS integer) IS NULL AND EXISTS (SELECT 1 FROM fence)
        ON CONFLICT (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, GrainTypeString, ServiceId, (coalesce(GrainIdExtensionString, '''')))
        DO NOTHING
        RETURNING Version)
    SELECT Version AS NewGrainStateVersion FROM updated
    UNION ALL
    SELECT Version AS NewGrainStateVersion FROM inserted'),

('ReadFromStorageKey', '
    SELECT PayloadBinary, Version
    FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND GrainTypeString = @GrainTypeString
      AND coalesce(GrainIdExtensionString, '''') = coalesce(CAST(@GrainIdExtensionString AS varchar), '''')
      AND ServiceId = @ServiceId'),

('ClearStorageKey', '
    UPDATE OrleansStorage
    SET PayloadBinary = NULL, ModifiedOn = (now() AT TIME ZONE ''utc''), Version = Version + 1
    WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND GrainTypeString = @GrainTypeString
      AND coalesce(GrainIdExtensionString, '''') = coalesce(CAST(@GrainIdExtensionString AS varchar), '''')
      AND ServiceId = @ServiceId
      AND Version = CAST(@GrainStateVersion AS integer)
      AND EXISTS (
        SELECT 1 FROM OrleansMembershipTable m
        WHERE m.DeploymentId = current_setting(''orleansplatform.cluster_id'', true)
          AND m.Address = current_setting(''orleansplatform.silo_address'', true)
          AND m.Port = CAST(NULLIF(current_setting(''orleansplatform.silo_port'', true), '''') AS integer)
          AND m.Generation = CAST(NULLIF(current_setting(''orleansplatform.silo_generation'', true), '''') AS integer)
          AND m.Status IN (2, 3, 4, 5))
    RETURNING Version AS NewGrainStateVersion');

-- Grain state as operators read it: the state's name (Orleans passes the [PersistentState] name, unique per grain class
-- here), the grain's key (a string key, or a session id / GUID key rebuilt from GrainIdN0/N1), and the state as jsonb,
-- e.g. SELECT state->>'App' FROM grain_state WHERE state_name = 'session' AND grain_key = '<session id>'.
CREATE VIEW grain_state AS
SELECT GrainTypeString AS state_name,
       coalesce(GrainIdExtensionString,
           lpad(to_hex(GrainIdN0 & 4294967295), 8, '0')
           || lpad(to_hex((GrainIdN0 >> 32) & 65535), 4, '0')
           || lpad(to_hex((GrainIdN0 >> 48) & 65535), 4, '0')
           || (SELECT string_agg(substr(lpad(to_hex(GrainIdN1), 16, '0'), 15 - 2 * i, 2), '' ORDER BY i)
               FROM generate_series(0, 7) AS i)) AS grain_key,
       ServiceId AS service_id,
       CASE WHEN PayloadBinary IS NULL THEN NULL ELSE convert_from(PayloadBinary, 'UTF8')::jsonb END AS state,
       Version AS version,
       ModifiedOn AS modified_on
FROM OrleansStorage;
