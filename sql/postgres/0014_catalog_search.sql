-- Realistic product rows (a description of a few hundred characters, a handful of attributes as a JSON object, an
-- image URL) and an index for the catalog's substring search (lower(name) LIKE '%keyword%'): a trigram GIN index, so a
-- search the object caches miss does not scan the table. pg_trgm ships with PostgreSQL's contrib modules (Debian's
-- postgresql package has them); where it cannot be created the search still works, by scanning, and a warning says so.
ALTER TABLE products ADD COLUMN attributes text NOT NULL DEFAULT '{}';
ALTER TABLE products ADD COLUMN image_url text NOT NULL DEFAULT '';

DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE INDEX ix_products_name_trigram ON products USING gin (lower(name) gin_trgm_ops);
EXCEPTION WHEN OTHERS THEN
    RAISE WARNING 'pg_trgm is not available (%); catalog searches will scan the products table', SQLERRM;
END
$$;
