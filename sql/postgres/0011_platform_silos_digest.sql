-- The digest of each silo's managed settings in force (see ConfigurationDigest), refreshed when its settings reload.
ALTER TABLE platform_silos ADD COLUMN config_digest text NOT NULL DEFAULT '';
