-- Version 11: an open file. The roster's index no longer uses the app's own `pinyin` collation, which
-- other SQLite tools do not have (so `PRAGMA integrity_check` failed there, and so did any write to
-- `people`). The pinyin order is kept instead as text the app writes beside each name (`sort_key`,
-- compared byte by byte like any text); the app fills it when it opens the ledger and whenever it
-- writes a name, so a row added by another tool is put in its place at the next start.
ALTER TABLE people ADD COLUMN sort_key TEXT NOT NULL DEFAULT '';
DROP INDEX people_live_name;
CREATE INDEX people_live_name ON people(sort_key, left_on, deleted_at) WHERE deleted_at IS NULL;
