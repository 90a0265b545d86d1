-- Parley storage schema, version 20: the partitions' fencing epochs (see CLUSTER.md). Numbered
-- after the issue that brought it, so that schema versions added meanwhile on other branches
-- (5, 6, ...) do not collide with it.
--
-- One row per partition. epoch is the fencing token of the partition's owner: it moves on by one
-- at every change of owner, and every fenced batch begins, in its own transaction, by reading it
-- with a lock that the change of owner's UPDATE must wait for (FOR SHARE on PostgreSQL, FOR UPDATE
-- on H2). A partition without a row is at epoch 0, which no writer holds.
--
-- owner_node and owner_incarnation name the node that owns the partition in a cluster (NULL when
-- none does), changed_at when the owner last changed: the cluster writes them, the storage only
-- reads epoch.
CREATE TABLE parley_partition (
    partition_id      INTEGER NOT NULL,
    epoch             BIGINT  NOT NULL,
    owner_node        VARCHAR,
    owner_incarnation BIGINT,
    changed_at        TIMESTAMP WITH TIME ZONE,
    CONSTRAINT parley_partition_pk PRIMARY KEY (partition_id)
);
