-- The named queries Orleans' ADO.NET providers run (clustering, grain persistence). Each provider reads its rows at
-- start-up by QueryKey and binds parameters by name (@DeploymentId, @GrainStateVersion, ...); the text is ours, the
-- keys, parameter names and result column names are Orleans' contract.
CREATE TABLE OrleansQuery (
    QueryKey  varchar(64)   NOT NULL,
    QueryText varchar(8000) NOT NULL,
    CONSTRAINT OrleansQuery_Key PRIMARY KEY (QueryKey)
);
