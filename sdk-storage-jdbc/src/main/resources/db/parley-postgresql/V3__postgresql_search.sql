-- Parley storage schema, version 3 on PostgreSQL: the full-text index and the paging index.
--
-- Each message's distinct words (as dev.parley.storage.Words splits text) as a tsvector made with
-- array_to_tsvector, so PostgreSQL's own parser and dictionaries never split or change them. A
-- search word w matches the session when one of its messages matches the prefix query 'w':*,
-- which the GIN index answers.
CREATE TABLE parley_message_text (
    tenant     VARCHAR  NOT NULL,
    message_id VARCHAR  NOT NULL,
    session_id VARCHAR  NOT NULL,
    words      tsvector NOT NULL,
    CONSTRAINT parley_message_text_pk PRIMARY KEY (tenant, message_id)
);
CREATE INDEX parley_message_text_words ON parley_message_text USING GIN (words);
CREATE INDEX parley_message_text_session ON parley_message_text (tenant, session_id);

-- Keyset pages order ids by code point ("C"), whatever the database's collation, so that they
-- list sessions and contacts in the same order on every database.
CREATE INDEX parley_session_arrival ON parley_session (tenant, arrived_at_nanos, id COLLATE "C");
CREATE INDEX parley_contact_name ON parley_contact (tenant, name COLLATE "C", id COLLATE "C");
