-- Parley storage schema, version 23: the durable inbox of vendor webhooks (see CLUSTER.md).
-- Numbered after version 22 (templates owned by operators). Plain types and constraints only, so that
-- every database Parley runs on takes it as it is.
--
-- One row per message a node accepted, keyed by the vendor's own id within its source, so that a
-- vendor's retry of a message is accepted once. Pending messages are read oldest received first
-- (received_nanos, then source and id: no counter that nodes accepting at once would contend on).
-- applied is set by the owner of the tenant's partition, in its fenced batches, once it has applied
-- the message. Applied rows stay, so that a late repeat is still known.
CREATE TABLE parley_inbox (
    tenant         VARCHAR NOT NULL,
    source         VARCHAR NOT NULL,
    message_id     VARCHAR NOT NULL,
    payload        VARCHAR NOT NULL,
    received_nanos BIGINT  NOT NULL,
    applied        BOOLEAN NOT NULL,
    CONSTRAINT parley_inbox_pk PRIMARY KEY (tenant, source, message_id)
);

CREATE INDEX parley_inbox_pending ON parley_inbox (tenant, applied, received_nanos);
