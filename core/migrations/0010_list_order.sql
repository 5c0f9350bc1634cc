-- Version 10: first pages, and the trash, that do not grow with the ledger.

-- The roster in pinyin order of name (the collation `pinyin`, registered on every connection the app
-- opens; see text.rs), live people only: the first page is read from the start of the index instead
-- of sorting everyone, and with `left_on` and `deleted_at` (always NULL there) the roster is counted
-- from the index alone. Tools without the collation can still read the file, but cannot check or
-- write this index. If the pinyin order is ever changed, a migration must `REINDEX pinyin`.
CREATE INDEX people_live_name ON people(name COLLATE pinyin, left_on, deleted_at) WHERE deleted_at IS NULL;

-- When the branch began (the earliest stage change of a live person): the first entries of this index
-- instead of every stage change.
CREATE INDEX stage_changes_date ON stage_changes(date);

-- The trash (回收站): each big table's trashed records through an index of them alone. Without it the
-- trash screen read every activity, issue and suggestion, and every attachment's file (the column
-- `deleted_at` comes after the file's bytes).
CREATE INDEX activities_trashed ON activities(deleted_at) WHERE deleted_at IS NOT NULL;
CREATE INDEX bulletin_issues_trashed ON bulletin_issues(deleted_at) WHERE deleted_at IS NOT NULL;
CREATE INDEX suggestions_trashed ON suggestions(deleted_at) WHERE deleted_at IS NOT NULL;
CREATE INDEX attachments_trashed ON attachments(deleted_at) WHERE deleted_at IS NOT NULL;
CREATE INDEX book_titles_trashed ON book_titles(deleted_at) WHERE deleted_at IS NOT NULL;
CREATE INDEX book_copies_trashed ON book_copies(deleted_at) WHERE deleted_at IS NOT NULL;

-- Live suggestions of a status newest first, with deleted_at (always NULL there): the list filtered by
-- status is counted from the index alone, without reading each entry.
CREATE INDEX suggestions_live_status ON suggestions(status, received_on, deleted_at) WHERE deleted_at IS NULL;
