-- Version 13: one search index that finds words of every length, one and two characters included,
-- through an index.
--
-- `search_chars` is an FTS5 table without content of its own: each row of `search_index` (same rowid)
-- indexed as one token per character: the character and the next one, each as its code point in six
-- lower-case hex digits ("党课" gives 00515a008bfe at 党), the last character alone. A word of two or
-- more characters is found exactly as the phrase of its pairs, a word of one character as the prefix
-- of its six digits (the prefix index below); no tokenizer rule (case, accents, punctuation, spaces)
-- can merge or drop a character. ASCII letters are folded to lower case first, as in
-- `search_index.folded`.
--
-- SQL alone cannot split a text into characters, so the app writes `search_chars`: the triggers below
-- (those of versions 9 and 12, unchanged but for the lines that write `search_chars_stale`) note every
-- row of `search_index` they remove or add, with the text `search_chars` holds for it (the `folded`
-- text it had when last indexed; NULL if none). Before a write of the app commits, it brings
-- `search_chars` up to date from those notes and empties them, in the same transaction; on opening,
-- it does the same for what another program wrote. While notes remain, the app's search reads the
-- folded texts instead.

CREATE TABLE search_chars_stale (
    doc INTEGER PRIMARY KEY,
    indexed TEXT
);

CREATE VIRTUAL TABLE search_chars USING fts5(
    chars,
    content = '',
    prefix = '6',
    tokenize = 'unicode61'
);

DROP TRIGGER search_people_insert;
DROP TRIGGER search_people_unindex;
DROP TRIGGER search_people_update;
DROP TRIGGER search_people_delete;
DROP TRIGGER search_activities_insert;
DROP TRIGGER search_activities_unindex;
DROP TRIGGER search_activities_update;
DROP TRIGGER search_activities_delete;
DROP TRIGGER search_bulletin_issues_insert;
DROP TRIGGER search_bulletin_issues_unindex;
DROP TRIGGER search_bulletin_issues_update;
DROP TRIGGER search_bulletin_issues_delete;
DROP TRIGGER search_bulletin_topics_insert;
DROP TRIGGER search_bulletin_topics_update;
DROP TRIGGER search_bulletin_topics_delete;
DROP TRIGGER search_suggestions_insert;
DROP TRIGGER search_suggestions_unindex;
DROP TRIGGER search_suggestions_update;
DROP TRIGGER search_suggestions_delete;
DROP TRIGGER search_book_titles_insert;
DROP TRIGGER search_book_titles_unindex;
DROP TRIGGER search_book_titles_update;
DROP TRIGGER search_book_titles_delete;
DROP TRIGGER search_book_tags_insert;
DROP TRIGGER search_book_tags_update;
DROP TRIGGER search_book_tags_delete;
DROP TRIGGER search_campaigns_insert;
DROP TRIGGER search_campaigns_unindex;
DROP TRIGGER search_campaigns_update;
DROP TRIGGER search_campaigns_delete;
DROP TRIGGER search_special_projects_insert;
DROP TRIGGER search_special_projects_unindex;
DROP TRIGGER search_special_projects_update;
DROP TRIGGER search_special_projects_delete;
DROP TRIGGER search_honours_insert;
DROP TRIGGER search_honours_unindex;
DROP TRIGGER search_honours_update;
DROP TRIGGER search_honours_delete;

-- `search_index` keeps what a hit shows (each record's type, date, trash state, title and text, and
-- the text folded for matching) in an ordinary table with the same columns and rowids: the character
-- index finds words of every length, faster than the trigram index did for three or more characters,
-- so the trigrams (and the work of writing them, and of checking them in every backup) go.
DROP TABLE search_index;
CREATE TABLE search_index (
    kind    TEXT,
    date    TEXT,
    trashed INTEGER,
    title   TEXT,
    body    TEXT,
    folded  TEXT
);
INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
SELECT doc, kind, date, trashed, title, body, folded FROM search_source;

CREATE TRIGGER search_people_insert AFTER INSERT ON people BEGIN
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_person WHERE id = NEW.id;
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT doc, NULL FROM search_source_person WHERE id = NEW.id;
END;

CREATE TRIGGER search_people_unindex BEFORE UPDATE ON people BEGIN
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT rowid, folded FROM search_index WHERE rowid IN (SELECT doc FROM search_source_person WHERE id = OLD.id);
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_person WHERE id = OLD.id);
END;

CREATE TRIGGER search_people_update AFTER UPDATE ON people BEGIN
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_person WHERE id = NEW.id;
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT doc, NULL FROM search_source_person WHERE id = NEW.id;
END;

CREATE TRIGGER search_people_delete BEFORE DELETE ON people BEGIN
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT rowid, folded FROM search_index WHERE rowid IN (SELECT doc FROM search_source_person WHERE id = OLD.id);
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_person WHERE id = OLD.id);
END;

CREATE TRIGGER search_activities_insert AFTER INSERT ON activities BEGIN
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_activity WHERE id = NEW.id;
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT doc, NULL FROM search_source_activity WHERE id = NEW.id;
END;

CREATE TRIGGER search_activities_unindex BEFORE UPDATE ON activities BEGIN
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT rowid, folded FROM search_index WHERE rowid IN (SELECT doc FROM search_source_activity WHERE id = OLD.id);
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_activity WHERE id = OLD.id);
END;

CREATE TRIGGER search_activities_update AFTER UPDATE ON activities BEGIN
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_activity WHERE id = NEW.id;
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT doc, NULL FROM search_source_activity WHERE id = NEW.id;
END;

CREATE TRIGGER search_activities_delete BEFORE DELETE ON activities BEGIN
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT rowid, folded FROM search_index WHERE rowid IN (SELECT doc FROM search_source_activity WHERE id = OLD.id);
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_activity WHERE id = OLD.id);
END;

CREATE TRIGGER search_bulletin_issues_insert AFTER INSERT ON bulletin_issues BEGIN
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_bulletin_issue WHERE id = NEW.id;
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT doc, NULL FROM search_source_bulletin_issue WHERE id = NEW.id;
END;

CREATE TRIGGER search_bulletin_issues_unindex BEFORE UPDATE ON bulletin_issues BEGIN
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT rowid, folded FROM search_index WHERE rowid IN (SELECT doc FROM search_source_bulletin_issue WHERE id = OLD.id);
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_bulletin_issue WHERE id = OLD.id);
END;

CREATE TRIGGER search_bulletin_issues_update AFTER UPDATE ON bulletin_issues BEGIN
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_bulletin_issue WHERE id = NEW.id;
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT doc, NULL FROM search_source_bulletin_issue WHERE id = NEW.id;
END;

CREATE TRIGGER search_bulletin_issues_delete BEFORE DELETE ON bulletin_issues BEGIN
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT rowid, folded FROM search_index WHERE rowid IN (SELECT doc FROM search_source_bulletin_issue WHERE id = OLD.id);
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_bulletin_issue WHERE id = OLD.id);
END;

CREATE TRIGGER search_bulletin_topics_insert AFTER INSERT ON bulletin_topics BEGIN
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT rowid, folded FROM search_index WHERE rowid IN (SELECT doc FROM search_source_bulletin_issue WHERE id = NEW.issue_id);
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_bulletin_issue WHERE id = NEW.issue_id);
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_bulletin_issue WHERE id = NEW.issue_id;
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT doc, NULL FROM search_source_bulletin_issue WHERE id = NEW.issue_id;
END;

CREATE TRIGGER search_bulletin_topics_update AFTER UPDATE ON bulletin_topics BEGIN
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT rowid, folded FROM search_index WHERE rowid IN (SELECT doc FROM search_source_bulletin_issue WHERE id IN (OLD.issue_id, NEW.issue_id));
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_bulletin_issue WHERE id IN (OLD.issue_id, NEW.issue_id));
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_bulletin_issue WHERE id IN (OLD.issue_id, NEW.issue_id);
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT doc, NULL FROM search_source_bulletin_issue WHERE id IN (OLD.issue_id, NEW.issue_id);
END;

CREATE TRIGGER search_bulletin_topics_delete AFTER DELETE ON bulletin_topics BEGIN
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT rowid, folded FROM search_index WHERE rowid IN (SELECT doc FROM search_source_bulletin_issue WHERE id = OLD.issue_id);
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_bulletin_issue WHERE id = OLD.issue_id);
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_bulletin_issue WHERE id = OLD.issue_id;
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT doc, NULL FROM search_source_bulletin_issue WHERE id = OLD.issue_id;
END;

CREATE TRIGGER search_suggestions_insert AFTER INSERT ON suggestions BEGIN
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_suggestion WHERE id = NEW.id;
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT doc, NULL FROM search_source_suggestion WHERE id = NEW.id;
END;

CREATE TRIGGER search_suggestions_unindex BEFORE UPDATE ON suggestions BEGIN
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT rowid, folded FROM search_index WHERE rowid IN (SELECT doc FROM search_source_suggestion WHERE id = OLD.id);
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_suggestion WHERE id = OLD.id);
END;

CREATE TRIGGER search_suggestions_update AFTER UPDATE ON suggestions BEGIN
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_suggestion WHERE id = NEW.id;
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT doc, NULL FROM search_source_suggestion WHERE id = NEW.id;
END;

CREATE TRIGGER search_suggestions_delete BEFORE DELETE ON suggestions BEGIN
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT rowid, folded FROM search_index WHERE rowid IN (SELECT doc FROM search_source_suggestion WHERE id = OLD.id);
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_suggestion WHERE id = OLD.id);
END;

CREATE TRIGGER search_book_titles_insert AFTER INSERT ON book_titles BEGIN
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_book_title WHERE id = NEW.id;
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT doc, NULL FROM search_source_book_title WHERE id = NEW.id;
END;

CREATE TRIGGER search_book_titles_unindex BEFORE UPDATE ON book_titles BEGIN
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT rowid, folded FROM search_index WHERE rowid IN (SELECT doc FROM search_source_book_title WHERE id = OLD.id);
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_book_title WHERE id = OLD.id);
END;

CREATE TRIGGER search_book_titles_update AFTER UPDATE ON book_titles BEGIN
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_book_title WHERE id = NEW.id;
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT doc, NULL FROM search_source_book_title WHERE id = NEW.id;
END;

CREATE TRIGGER search_book_titles_delete BEFORE DELETE ON book_titles BEGIN
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT rowid, folded FROM search_index WHERE rowid IN (SELECT doc FROM search_source_book_title WHERE id = OLD.id);
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_book_title WHERE id = OLD.id);
END;

CREATE TRIGGER search_book_tags_insert AFTER INSERT ON book_tags BEGIN
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT rowid, folded FROM search_index WHERE rowid IN (SELECT doc FROM search_source_book_title WHERE id = NEW.title_id);
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_book_title WHERE id = NEW.title_id);
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_book_title WHERE id = NEW.title_id;
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT doc, NULL FROM search_source_book_title WHERE id = NEW.title_id;
END;

CREATE TRIGGER search_book_tags_update AFTER UPDATE ON book_tags BEGIN
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT rowid, folded FROM search_index WHERE rowid IN (SELECT doc FROM search_source_book_title WHERE id IN (OLD.title_id, NEW.title_id));
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_book_title WHERE id IN (OLD.title_id, NEW.title_id));
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_book_title WHERE id IN (OLD.title_id, NEW.title_id);
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT doc, NULL FROM search_source_book_title WHERE id IN (OLD.title_id, NEW.title_id);
END;

CREATE TRIGGER search_book_tags_delete AFTER DELETE ON book_tags BEGIN
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT rowid, folded FROM search_index WHERE rowid IN (SELECT doc FROM search_source_book_title WHERE id = OLD.title_id);
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_book_title WHERE id = OLD.title_id);
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_book_title WHERE id = OLD.title_id;
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT doc, NULL FROM search_source_book_title WHERE id = OLD.title_id;
END;

CREATE TRIGGER search_campaigns_insert AFTER INSERT ON campaigns BEGIN
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_campaign WHERE id = NEW.id;
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT doc, NULL FROM search_source_campaign WHERE id = NEW.id;
END;

CREATE TRIGGER search_campaigns_unindex BEFORE UPDATE ON campaigns BEGIN
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT rowid, folded FROM search_index WHERE rowid IN (SELECT doc FROM search_source_campaign WHERE id = OLD.id);
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_campaign WHERE id = OLD.id);
END;

CREATE TRIGGER search_campaigns_update AFTER UPDATE ON campaigns BEGIN
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_campaign WHERE id = NEW.id;
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT doc, NULL FROM search_source_campaign WHERE id = NEW.id;
END;

CREATE TRIGGER search_campaigns_delete BEFORE DELETE ON campaigns BEGIN
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT rowid, folded FROM search_index WHERE rowid IN (SELECT doc FROM search_source_campaign WHERE id = OLD.id);
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_campaign WHERE id = OLD.id);
END;

CREATE TRIGGER search_special_projects_insert AFTER INSERT ON special_projects BEGIN
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_special_project WHERE id = NEW.id;
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT doc, NULL FROM search_source_special_project WHERE id = NEW.id;
END;

CREATE TRIGGER search_special_projects_unindex BEFORE UPDATE ON special_projects BEGIN
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT rowid, folded FROM search_index WHERE rowid IN (SELECT doc FROM search_source_special_project WHERE id = OLD.id);
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_special_project WHERE id = OLD.id);
END;

CREATE TRIGGER search_special_projects_update AFTER UPDATE ON special_projects BEGIN
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_special_project WHERE id = NEW.id;
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT doc, NULL FROM search_source_special_project WHERE id = NEW.id;
END;

CREATE TRIGGER search_special_projects_delete BEFORE DELETE ON special_projects BEGIN
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT rowid, folded FROM search_index WHERE rowid IN (SELECT doc FROM search_source_special_project WHERE id = OLD.id);
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_special_project WHERE id = OLD.id);
END;

CREATE TRIGGER search_honours_insert AFTER INSERT ON honours BEGIN
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_honour WHERE id = NEW.id;
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT doc, NULL FROM search_source_honour WHERE id = NEW.id;
END;

CREATE TRIGGER search_honours_unindex BEFORE UPDATE ON honours BEGIN
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT rowid, folded FROM search_index WHERE rowid IN (SELECT doc FROM search_source_honour WHERE id = OLD.id);
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_honour WHERE id = OLD.id);
END;

CREATE TRIGGER search_honours_update AFTER UPDATE ON honours BEGIN
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_honour WHERE id = NEW.id;
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT doc, NULL FROM search_source_honour WHERE id = NEW.id;
END;

CREATE TRIGGER search_honours_delete BEFORE DELETE ON honours BEGIN
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT rowid, folded FROM search_index WHERE rowid IN (SELECT doc FROM search_source_honour WHERE id = OLD.id);
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_honour WHERE id = OLD.id);
END;

-- Every row of the index is yet to be written into `search_chars`: the app does it on opening.
INSERT INTO search_chars_stale (doc, indexed) SELECT rowid, NULL FROM search_index;
