-- Parley storage schema, version 3 on SQLite: the full-text index, the messages' order and the
-- paging indexes.
--
-- SQLite has no identity column: a message's stored_seq (the order of equal instants) is its
-- rowid, copied by a trigger when the row is added, so that it stays as it was however SQLite
-- later renumbers rowids (VACUUM may).
CREATE TRIGGER parley_message_seq AFTER INSERT ON parley_message
BEGIN
    UPDATE parley_message SET stored_seq = NEW.rowid WHERE rowid = NEW.rowid;
END;

-- Each message's distinct words (as dev.parley.storage.Words splits text), space-separated, in
-- parley_message_text, indexed by the FTS5 table parley_message_fts (external content: the
-- triggers keep it in step). A search word w matches the session when one of its messages
-- matches the FTS5 prefix query "w"*. unicode61 keeps diacritics: Words has removed them already.
CREATE TABLE parley_message_text (
    doc        INTEGER PRIMARY KEY,
    tenant     VARCHAR NOT NULL,
    message_id VARCHAR NOT NULL,
    session_id VARCHAR NOT NULL,
    words      VARCHAR NOT NULL
);
CREATE INDEX parley_message_text_session ON parley_message_text (tenant, session_id);
CREATE VIRTUAL TABLE parley_message_fts USING fts5(
    words, content = 'parley_message_text', content_rowid = 'doc', tokenize = 'unicode61 remove_diacritics 0'
);
CREATE TRIGGER parley_message_text_added AFTER INSERT ON parley_message_text
BEGIN
    INSERT INTO parley_message_fts (rowid, words) VALUES (NEW.doc, NEW.words);
END;
CREATE TRIGGER parley_message_text_removed AFTER DELETE ON parley_message_text
BEGIN
    INSERT INTO parley_message_fts (parley_message_fts, rowid, words) VALUES ('delete', OLD.doc, OLD.words);
END;

-- SQLite's default collation, BINARY, orders text by code point, as the keyset pages do.
CREATE INDEX parley_session_arrival ON parley_session (tenant, arrived_at_nanos, id);
CREATE INDEX parley_contact_name ON parley_contact (tenant, name, id);
