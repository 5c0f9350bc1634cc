-- Version 10: first pages that do not grow with the ledger.

-- The roster in pinyin order of name (the collation `pinyin`, registered on every connection the app
-- opens; see text.rs), live people only: the first page is read from the start of the index instead
-- of sorting everyone, and with `left_on` and `deleted_at` (always NULL there) the roster is counted
-- from the index alone. Tools without the collation can still read the file, but cannot check or
-- write this index. If the pinyin order is ever changed, a migration must `REINDEX pinyin`.
CREATE INDEX people_live_name ON people(name COLLATE pinyin, left_on, deleted_at) WHERE deleted_at IS NULL;

-- When the branch began (the earliest stage change of a live person): the first entries of this index
-- instead of every stage change.
CREATE INDEX stage_changes_date ON stage_changes(date);
