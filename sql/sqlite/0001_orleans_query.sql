-- The named queries Orleans' ADO.NET grain persistence runs on the embedded SQLite database (invariant
-- System.Data.SQLite, which Orleans 10 maps to Microsoft.Data.Sqlite). The embedded deployment is one process with
-- localhost clustering, so only the persistence queries are needed here.
CREATE TABLE OrleansQuery (
    QueryKey  TEXT NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
) WITHOUT ROWID;
