-- Parley storage schema, version 21 on PostgreSQL: the nodes of a cluster (see CLUSTER.md), which
-- only PostgreSQL runs.
--
-- One row per node id. incarnation is new at every start of the node (from the sequence), and is
-- also the key of the session advisory lock the node holds while it runs: a node is alive while
-- its heartbeat_at, always set to PostgreSQL's now(), is recent and its lock is held. status is
-- ACTIVE while it runs and LEFT once it has shut down and handed its partitions off.
CREATE TABLE parley_node (
    node_id      VARCHAR                  NOT NULL,
    incarnation  BIGINT                   NOT NULL,
    address      VARCHAR,
    heartbeat_at TIMESTAMP WITH TIME ZONE NOT NULL,
    status       VARCHAR                  NOT NULL,
    CONSTRAINT parley_node_pk PRIMARY KEY (node_id)
);

CREATE SEQUENCE parley_node_incarnation AS INTEGER;
