-- Parley storage schema, version 1. One script for H2 2.x and PostgreSQL 15+: only standard SQL.
--
-- Instants are epoch nanoseconds in a BIGINT: exact to the nanosecond on both databases (their
-- timestamp types keep microseconds at best), and compared as plain integers. That covers
-- 1677-09-21 to 2262-04-11; the stores reject instants outside it.
--
-- Texts are VARCHAR without a length: unbounded in PostgreSQL, 1,000,000 characters in H2. The
-- stores order rows in Java after reading them, so no query depends on the database's collation.

CREATE TABLE parley_blacklist (
    tenant           VARCHAR NOT NULL,
    channel          VARCHAR NOT NULL,
    identifier       VARCHAR NOT NULL,
    reason           VARCHAR NOT NULL,
    blocked_by       VARCHAR NOT NULL,
    blocked_at_nanos BIGINT  NOT NULL,
    CONSTRAINT parley_blacklist_pk PRIMARY KEY (tenant, channel, identifier)
);

CREATE TABLE parley_invitation (
    tenant           VARCHAR NOT NULL,
    code             VARCHAR NOT NULL,
    operator_id      VARCHAR NOT NULL,
    reusable         BOOLEAN NOT NULL,
    created_at_nanos BIGINT  NOT NULL,
    expires_at_nanos BIGINT  NOT NULL,
    ended_at_nanos   BIGINT,
    end_reason       VARCHAR,
    CONSTRAINT parley_invitation_pk PRIMARY KEY (tenant, code)
);

-- valid(tenant, now) and purgeEndedBefore(tenant, cutoff) filter a tenant by expiry.
CREATE INDEX parley_invitation_expiry ON parley_invitation (tenant, expires_at_nanos);
