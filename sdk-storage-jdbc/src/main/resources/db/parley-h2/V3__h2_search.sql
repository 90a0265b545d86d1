-- Parley storage schema, version 3 on H2: the full-text index and the paging index.
--
-- Each distinct word (as dev.parley.storage.Words splits text) of a session's messages is one
-- row. A search word w matches the session when some row has word LIKE 'w%': a range scan of
-- parley_message_word_prefix.
CREATE TABLE parley_message_word (
    tenant     VARCHAR NOT NULL,
    session_id VARCHAR NOT NULL,
    word       VARCHAR NOT NULL,
    CONSTRAINT parley_message_word_pk PRIMARY KEY (tenant, session_id, word)
);
CREATE INDEX parley_message_word_prefix ON parley_message_word (tenant, word, session_id);

-- H2 compares text as Java's String.compareTo does, the order the keyset pages use.
CREATE INDEX parley_session_arrival ON parley_session (tenant, arrived_at_nanos, id);
CREATE INDEX parley_contact_name ON parley_contact (tenant, name, id);
