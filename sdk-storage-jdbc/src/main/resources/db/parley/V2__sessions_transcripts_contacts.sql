-- Parley storage schema, version 2: sessions and their history, transcripts, contacts, tags,
-- templates, the outbox and tenants' configuration. Standard SQL for H2 2.x and PostgreSQL 15+,
-- with the conventions of version 1 (instants as BIGINT epoch nanoseconds, unbounded VARCHAR).
-- The full-text index differs between the two databases: see db/parley-h2 and db/parley-postgresql.
--
-- Column names avoid words either database reserves (group, value, text, key, type, size, at).

-- One row per session: a scalar column for every field a query filters on. closed_at_nanos is
-- null exactly while the session is live.
CREATE TABLE parley_session (
    tenant                 VARCHAR NOT NULL,
    id                     VARCHAR NOT NULL,
    version                BIGINT  NOT NULL,
    channel                VARCHAR NOT NULL,
    arrived_at_nanos       BIGINT  NOT NULL,
    status                 VARCHAR NOT NULL,
    arrival_seq            BIGINT  NOT NULL,
    entered_queue_at_nanos BIGINT  NOT NULL,
    priority               INTEGER NOT NULL,
    client                 VARCHAR,
    client_name            VARCHAR,
    phone                  VARCHAR,
    email                  VARCHAR,
    contact                VARCHAR,
    widget                 VARCHAR,
    page_url               VARCHAR,
    language               VARCHAR,
    browser                VARCHAR,
    os                     VARCHAR,
    subject                VARCHAR,
    invitation_code        VARCHAR,
    chatbot                VARCHAR,
    reopens                VARCHAR,
    group_id               VARCHAR,
    target                 VARCHAR,
    operator_id            VARCHAR,
    accepted_at_nanos      BIGINT,
    ended_at_nanos         BIGINT,
    closed_at_nanos        BIGINT,
    wrap_up_deadline_nanos BIGINT,
    end_reason             VARCHAR,
    wrap_up_result         VARCHAR,
    rating                 INTEGER,
    feedback               VARCHAR,
    erased_at_nanos        BIGINT,
    CONSTRAINT parley_session_pk PRIMARY KEY (tenant, id)
);

-- The history's filters. Paging by arrival uses the index the dialect script adds (its id
-- ordering depends on the database); live() and purges use closed_at_nanos (null while live).
CREATE INDEX parley_session_operator ON parley_session (tenant, operator_id);
CREATE INDEX parley_session_group ON parley_session (tenant, group_id);
CREATE INDEX parley_session_contact ON parley_session (tenant, contact);
CREATE INDEX parley_session_client ON parley_session (tenant, client);
CREATE INDEX parley_session_closed ON parley_session (tenant, closed_at_nanos);

-- A session's lists, one row per item in its order (seq from 0). They go with their session.
CREATE TABLE parley_session_transition (
    tenant      VARCHAR NOT NULL,
    session_id  VARCHAR NOT NULL,
    seq         INTEGER NOT NULL,
    at_nanos    BIGINT  NOT NULL,
    status      VARCHAR NOT NULL,
    actor       VARCHAR NOT NULL,
    reason      VARCHAR,
    group_id    VARCHAR,
    operator_id VARCHAR,
    CONSTRAINT parley_session_transition_pk PRIMARY KEY (tenant, session_id, seq),
    CONSTRAINT parley_session_transition_session FOREIGN KEY (tenant, session_id)
        REFERENCES parley_session (tenant, id) ON DELETE CASCADE
);
-- The operator filter also finds sessions an operator accepted before they moved on.
CREATE INDEX parley_session_transition_operator ON parley_session_transition (tenant, operator_id, session_id);

CREATE TABLE parley_session_tag (
    tenant     VARCHAR NOT NULL,
    session_id VARCHAR NOT NULL,
    seq        INTEGER NOT NULL,
    tag        VARCHAR NOT NULL,
    CONSTRAINT parley_session_tag_pk PRIMARY KEY (tenant, session_id, tag),
    CONSTRAINT parley_session_tag_session FOREIGN KEY (tenant, session_id)
        REFERENCES parley_session (tenant, id) ON DELETE CASCADE
);
CREATE INDEX parley_session_tag_tag ON parley_session_tag (tenant, tag, session_id);

-- value_prefix is the value's first 200 characters: indexed in its place, because a B-tree entry
-- is limited in size (about 2.7 kB on PostgreSQL) and a parameter's value is not.
CREATE TABLE parley_session_parameter (
    tenant       VARCHAR      NOT NULL,
    session_id   VARCHAR      NOT NULL,
    seq          INTEGER      NOT NULL,
    name         VARCHAR      NOT NULL,
    value_prefix VARCHAR(200) NOT NULL,
    value_text   VARCHAR      NOT NULL,
    CONSTRAINT parley_session_parameter_pk PRIMARY KEY (tenant, session_id, name),
    CONSTRAINT parley_session_parameter_session FOREIGN KEY (tenant, session_id)
        REFERENCES parley_session (tenant, id) ON DELETE CASCADE
);
CREATE INDEX parley_session_parameter_value ON parley_session_parameter (tenant, name, value_prefix);

CREATE TABLE parley_session_note (
    tenant     VARCHAR NOT NULL,
    session_id VARCHAR NOT NULL,
    seq        INTEGER NOT NULL,
    at_nanos   BIGINT  NOT NULL,
    author     VARCHAR NOT NULL,
    body       VARCHAR NOT NULL,
    CONSTRAINT parley_session_note_pk PRIMARY KEY (tenant, session_id, seq),
    CONSTRAINT parley_session_note_session FOREIGN KEY (tenant, session_id)
        REFERENCES parley_session (tenant, id) ON DELETE CASCADE
);

CREATE TABLE parley_session_collaborator (
    tenant      VARCHAR NOT NULL,
    session_id  VARCHAR NOT NULL,
    seq         INTEGER NOT NULL,
    operator_id VARCHAR NOT NULL,
    CONSTRAINT parley_session_collaborator_pk PRIMARY KEY (tenant, session_id, seq),
    CONSTRAINT parley_session_collaborator_session FOREIGN KEY (tenant, session_id)
        REFERENCES parley_session (tenant, id) ON DELETE CASCADE
);

CREATE TABLE parley_session_recording (
    tenant           VARCHAR NOT NULL,
    session_id       VARCHAR NOT NULL,
    seq              INTEGER NOT NULL,
    started_at_nanos BIGINT  NOT NULL,
    length_nanos     BIGINT  NOT NULL,
    uri              VARCHAR NOT NULL,
    CONSTRAINT parley_session_recording_pk PRIMARY KEY (tenant, session_id, seq),
    CONSTRAINT parley_session_recording_session FOREIGN KEY (tenant, session_id)
        REFERENCES parley_session (tenant, id) ON DELETE CASCADE
);

-- Messages are not tied to their session by a foreign key: a channel may deliver a message
-- before the engine has stored its session. stored_seq keeps the order of equal instants.
CREATE TABLE parley_message (
    tenant     VARCHAR NOT NULL,
    id         VARCHAR NOT NULL,
    stored_seq ${message_seq_column},
    session_id VARCHAR NOT NULL,
    at_nanos   BIGINT  NOT NULL,
    sender     VARCHAR NOT NULL,
    author     VARCHAR,
    body       VARCHAR NOT NULL,
    delivery   VARCHAR NOT NULL,
    CONSTRAINT parley_message_pk PRIMARY KEY (tenant, id)
);
CREATE INDEX parley_message_session ON parley_message (tenant, session_id, at_nanos, stored_seq);

CREATE TABLE parley_message_file (
    tenant       VARCHAR NOT NULL,
    message_id   VARCHAR NOT NULL,
    seq          INTEGER NOT NULL,
    name         VARCHAR NOT NULL,
    content_type VARCHAR NOT NULL,
    size_bytes   BIGINT  NOT NULL,
    uri          VARCHAR NOT NULL,
    CONSTRAINT parley_message_file_pk PRIMARY KEY (tenant, message_id, seq),
    CONSTRAINT parley_message_file_message FOREIGN KEY (tenant, message_id)
        REFERENCES parley_message (tenant, id) ON DELETE CASCADE
);

-- The contact directory. An identity belongs to one contact at most: its key says so.
CREATE TABLE parley_contact (
    tenant           VARCHAR NOT NULL,
    id               VARCHAR NOT NULL,
    version          BIGINT  NOT NULL,
    name             VARCHAR NOT NULL,
    created_at_nanos BIGINT  NOT NULL,
    CONSTRAINT parley_contact_pk PRIMARY KEY (tenant, id)
);

CREATE TABLE parley_contact_identity (
    tenant         VARCHAR NOT NULL,
    kind           VARCHAR NOT NULL,
    identity_value VARCHAR NOT NULL,
    contact_id     VARCHAR NOT NULL,
    seq            INTEGER NOT NULL,
    CONSTRAINT parley_contact_identity_pk PRIMARY KEY (tenant, kind, identity_value),
    CONSTRAINT parley_contact_identity_contact FOREIGN KEY (tenant, contact_id)
        REFERENCES parley_contact (tenant, id) ON DELETE CASCADE
);
CREATE INDEX parley_contact_identity_contact ON parley_contact_identity (tenant, contact_id);

CREATE TABLE parley_contact_detail (
    tenant       VARCHAR NOT NULL,
    contact_id   VARCHAR NOT NULL,
    seq          INTEGER NOT NULL,
    name         VARCHAR NOT NULL,
    detail_value VARCHAR NOT NULL,
    CONSTRAINT parley_contact_detail_pk PRIMARY KEY (tenant, contact_id, name),
    CONSTRAINT parley_contact_detail_contact FOREIGN KEY (tenant, contact_id)
        REFERENCES parley_contact (tenant, id) ON DELETE CASCADE
);

-- The tag catalogue and each operator's last use of each tag.
CREATE TABLE parley_tag (
    tenant VARCHAR NOT NULL,
    tag    VARCHAR NOT NULL,
    CONSTRAINT parley_tag_pk PRIMARY KEY (tenant, tag)
);

CREATE TABLE parley_recent_tag (
    tenant        VARCHAR NOT NULL,
    operator_id   VARCHAR NOT NULL,
    tag           VARCHAR NOT NULL,
    used_at_nanos BIGINT  NOT NULL,
    CONSTRAINT parley_recent_tag_pk PRIMARY KEY (tenant, operator_id, tag)
);

CREATE TABLE parley_template (
    tenant   VARCHAR NOT NULL,
    id       VARCHAR NOT NULL,
    title    VARCHAR NOT NULL,
    body     VARCHAR NOT NULL,
    language VARCHAR,
    CONSTRAINT parley_template_pk PRIMARY KEY (tenant, id)
);

CREATE TABLE parley_template_star (
    tenant      VARCHAR NOT NULL,
    operator_id VARCHAR NOT NULL,
    template_id VARCHAR NOT NULL,
    CONSTRAINT parley_template_star_pk PRIMARY KEY (tenant, operator_id, template_id),
    CONSTRAINT parley_template_star_template FOREIGN KEY (tenant, template_id)
        REFERENCES parley_template (tenant, id) ON DELETE CASCADE
);

-- The outbox. A tenant's sequence numbers come from its counter row, updated in the transaction
-- that appends: appends of one tenant queue on that row, so they commit in sequence order and a
-- consumer reading after() never sees a number appear behind one it has passed.
CREATE TABLE parley_outbox_counter (
    tenant   VARCHAR NOT NULL,
    last_seq BIGINT  NOT NULL,
    CONSTRAINT parley_outbox_counter_pk PRIMARY KEY (tenant)
);

CREATE TABLE parley_outbox (
    tenant     VARCHAR NOT NULL,
    seq        BIGINT  NOT NULL,
    event_type VARCHAR NOT NULL,
    session_id VARCHAR,
    at_nanos   BIGINT  NOT NULL,
    payload    VARCHAR NOT NULL,
    CONSTRAINT parley_outbox_pk PRIMARY KEY (tenant, seq)
);
CREATE INDEX parley_outbox_at ON parley_outbox (tenant, at_nanos);

CREATE TABLE parley_outbox_cursor (
    tenant   VARCHAR NOT NULL,
    consumer VARCHAR NOT NULL,
    seq      BIGINT  NOT NULL,
    CONSTRAINT parley_outbox_cursor_pk PRIMARY KEY (tenant, consumer)
);

-- Tenants' configuration: flat properties under (kind, key), kept as they are.
CREATE TABLE parley_config (
    tenant     VARCHAR NOT NULL,
    kind       VARCHAR NOT NULL,
    config_key VARCHAR NOT NULL,
    CONSTRAINT parley_config_pk PRIMARY KEY (tenant, kind, config_key)
);

CREATE TABLE parley_config_property (
    tenant         VARCHAR NOT NULL,
    kind           VARCHAR NOT NULL,
    config_key     VARCHAR NOT NULL,
    name           VARCHAR NOT NULL,
    property_value VARCHAR NOT NULL,
    CONSTRAINT parley_config_property_pk PRIMARY KEY (tenant, kind, config_key, name),
    CONSTRAINT parley_config_property_config FOREIGN KEY (tenant, kind, config_key)
        REFERENCES parley_config (tenant, kind, config_key) ON DELETE CASCADE
);
