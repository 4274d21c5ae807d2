-- The rendered replies move to a table of their own. An outbox row is
-- updated several times on its way out (claimed, sent, retried), and SQLite
-- rewrites a whole row, with its 8 KB message in overflow pages, for every
-- change that alters its size; now only the small row is rewritten. A
-- reply's message is deleted once it is sent, as the raw column was
-- emptied before.
CREATE TABLE outbox_raw (
    outbox_id INTEGER PRIMARY KEY REFERENCES outbox (id) ON DELETE CASCADE,
    raw       BLOB NOT NULL
) STRICT;
INSERT INTO outbox_raw (outbox_id, raw) SELECT id, raw FROM outbox WHERE length(raw) > 0;
ALTER TABLE outbox DROP COLUMN raw;
