-- The node agents (oplat agent), one per machine. A node's agent registers it here and heartbeats every second or so;
-- every agent marks the nodes whose heartbeat lapsed as down. Times are Unix milliseconds of the database clock, so
-- the machines' own clocks never have to agree.
CREATE TABLE nodes (
    node_id         text    NOT NULL,
    host_name       text    NOT NULL,
    agent_url       text    NOT NULL,
    status          text    NOT NULL CHECK (status IN ('up', 'down', 'stopped')),
    version         text    NOT NULL,
    pid             integer NOT NULL,
    started_at_ms   bigint  NOT NULL,
    heartbeat_at_ms bigint  NOT NULL,
    CONSTRAINT pk_nodes PRIMARY KEY (node_id)
);

-- Every state change of a supervised resource (starting, healthy, restarting, failed, ...), as its agent saw it, at
-- the agent's clock. Written behind the change, so a database outage never holds supervision up.
CREATE TABLE resource_transitions (
    id          bigint  GENERATED ALWAYS AS IDENTITY,
    node_id     text    NOT NULL,
    group_id    text    NOT NULL,
    resource_id text    NOT NULL,
    from_state  text    NOT NULL,
    to_state    text    NOT NULL,
    reason      text    NULL,
    pid         integer NULL,
    exit_code   integer NULL,
    at_ms       bigint  NOT NULL,
    CONSTRAINT pk_resource_transitions PRIMARY KEY (id)
);

CREATE INDEX ix_resource_transitions_resource ON resource_transitions (node_id, resource_id, id);

-- Where each failover group runs. The row is written by the node holding the group's cluster lock, and only with a
-- fencing token above the stored one, so a node that lost the lock cannot claim the group back. preferred_node is a
-- pending move (oplat groups move): the holder hands the group over, the target takes it and clears the field.
CREATE TABLE agent_groups (
    group_id       text   NOT NULL,
    active_node    text   NULL,
    fencing_token  bigint NOT NULL DEFAULT 0,
    preferred_node text   NULL,
    changed_at_ms  bigint NOT NULL,
    CONSTRAINT pk_agent_groups PRIMARY KEY (group_id)
);
