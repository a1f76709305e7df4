-- Orleans grain state (Microsoft.Orleans.Persistence.AdoNet) in the embedded SQLite file. Version is the ETag; the
-- payload is UTF-8 JSON (see the grain_state view). A clear keeps the row (payload NULL, version + 1).
CREATE TABLE OrleansStorage (
    GrainIdHash            INTEGER NOT NULL,
    GrainIdN0              INTEGER NOT NULL,
    GrainIdN1              INTEGER NOT NULL,
    GrainTypeHash          INTEGER NOT NULL,
    GrainTypeString        TEXT    NOT NULL,
    GrainIdExtensionString TEXT    NULL,
    ServiceId              TEXT    NOT NULL,
    PayloadBinary          BLOB    NULL,
    ModifiedOn             TEXT    NOT NULL,
    Version                INTEGER NULL
);

CREATE UNIQUE INDEX UX_OrleansStorage_Grain ON OrleansStorage
    (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, GrainTypeString, ServiceId, IFNULL(GrainIdExtensionString, ''));

-- A write is an update of the version read, or the first insert; each statement returns the new version when it
-- changed a row, so no row back means a version conflict (Orleans' InconsistentStateException).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('WriteToStorageKey', '
    UPDATE OrleansStorage
    SET PayloadBinary = @PayloadBinary, ModifiedOn = strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now''), Version = Version + 1
    WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND GrainTypeString = @GrainTypeString
      AND IFNULL(GrainIdExtensionString, '''') = IFNULL(@GrainIdExtensionString, '''')
      AND ServiceId = @ServiceId
      AND @GrainStateVersion IS NOT NULL AND Version = @GrainStateVersion
    RETURNING Version AS NewGrainStateVersion;
    INSERT INTO OrleansStorage
        (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId,
         PayloadBinary, ModifiedOn, Version)
    SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString, @ServiceId,
           @PayloadBinary, strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now''), 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING Version AS NewGrainStateVersion'),

('ReadFromStorageKey', '
    SELECT PayloadBinary, Version
    FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND GrainTypeString = @GrainTypeString
      AND IFNULL(GrainIdExtensionString, '''') = IFNULL(@GrainIdExtensionString, '''')
      AND ServiceId = @ServiceId'),

('ClearStorageKey', '
    UPDATE OrleansStorage
    SET PayloadBinary = NULL, ModifiedOn = strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now''), Version = Version + 1
    WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND GrainTypeString = @GrainTypeString
      AND IFNULL(GrainIdExtensionString, '''') = IFNULL(@GrainIdExtensionString, '''')
      AND ServiceId = @ServiceId
      AND Version = @GrainStateVersion
    RETURNING Version AS NewGrainStateVersion');

-- Grain state as operators read it (see the PostgreSQL migration of the same number); SQLite's json functions read
-- the state text directly, e.g. SELECT json_extract(state, '$.App') FROM grain_state WHERE state_name = 'session'.
CREATE VIEW grain_state AS
SELECT GrainTypeString AS state_name,
       coalesce(GrainIdExtensionString,
           printf('%08x%04x%04x', GrainIdN0 & 4294967295, (GrainIdN0 >> 32) & 65535, (GrainIdN0 >> 48) & 65535)
           || printf('%02x%02x%02x%02x%02x%02x%02x%02x',
                GrainIdN1 & 255, (GrainIdN1 >> 8) & 255, (GrainIdN1 >> 16) & 255, (GrainIdN1 >> 24) & 255,
                (GrainIdN1 >> 32) & 255, (GrainIdN1 >> 40) & 255, (GrainIdN1 >> 48) & 255, (GrainIdN1 >> 56) & 255)) AS grain_key,
       ServiceId AS service_id,
       CAST(PayloadBinary AS TEXT) AS state,
       Version AS version,
       ModifiedOn AS modified_on
FROM OrleansStorage;
