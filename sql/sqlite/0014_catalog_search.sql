-- Realistic product rows and an index for the catalog's substring search (see the PostgreSQL migration of the same
-- number). SQLite's FTS5 trigram tokenizer serves LIKE '%keyword%' from an index (keywords of three characters or
-- more, case-insensitive); an external-content table over products, kept in step by triggers.
ALTER TABLE products ADD COLUMN attributes TEXT NOT NULL DEFAULT '{}';
ALTER TABLE products ADD COLUMN image_url TEXT NOT NULL DEFAULT '';

CREATE VIRTUAL TABLE products_name_search USING fts5(name, content = 'products', content_rowid = 'id', tokenize = 'trigram');
INSERT INTO products_name_search (products_name_search) VALUES ('rebuild');

CREATE TRIGGER products_name_search_insert AFTER INSERT ON products BEGIN
    INSERT INTO products_name_search (rowid, name) VALUES (new.id, new.name);
END;

CREATE TRIGGER products_name_search_delete AFTER DELETE ON products BEGIN
    INSERT INTO products_name_search (products_name_search, rowid, name) VALUES ('delete', old.id, old.name);
END;

CREATE TRIGGER products_name_search_update AFTER UPDATE OF name ON products BEGIN
    INSERT INTO products_name_search (products_name_search, rowid, name) VALUES ('delete', old.id, old.name);
    INSERT INTO products_name_search (rowid, name) VALUES (new.id, new.name);
END;
