-- Version 7: one search box over every record type (全文检索). A full-text index (SQLite FTS5 with the
-- trigram tokenizer, so Chinese needs no word breaks) derived from the records and kept in step with
-- them by the triggers below, inside the writing transaction. It holds nothing of its own: the export
-- leaves it out and an import or `search::rebuild` fills it again from the views below.
--
-- One index row per record. Its rowid is the record's id * 16 + a number per record type (below), so
-- that a trigger finds the row by rowid. `title` and `body` are the record's text as written (body: its
-- other searchable fields, one per line); `folded` is `lower(title || char(10) || body)`, the only
-- indexed column. The index is case-sensitive over that ASCII-folded text, so a match is exactly
-- "the lower-cased query term occurs in the lower-cased text": the same as SQLite's LIKE (which ignores
-- the case of ASCII letters only). `trashed` is 1 for a record in the trash.
--
-- Record types: 1 person, 2 activity, 3 bulletin_issue, 4 suggestion, 5 book_title, 6 honour,
-- 7 campaign, 8 special_project.

CREATE VIRTUAL TABLE search_index USING fts5(
    kind UNINDEXED,
    date UNINDEXED,
    trashed UNINDEXED,
    title UNINDEXED,
    body UNINDEXED,
    folded,
    tokenize = 'trigram case_sensitive 1'
);

-- What each record type contributes: one view per type, the single definition used by the triggers,
-- the backfill and `search::rebuild`.
CREATE VIEW search_source_person AS
SELECT id, id * 16 + 1 AS doc, 'person' AS kind, stage_since AS date, deleted_at IS NOT NULL AS trashed,
       name AS title, notes AS body
FROM people;

CREATE VIEW search_source_activity AS
SELECT id, id * 16 + 2 AS doc, 'activity' AS kind, date, deleted_at IS NOT NULL AS trashed,
       title, place || char(10) || other_org || char(10) || visited || char(10) || content || char(10) || decisions AS body
FROM activities;

CREATE VIEW search_source_bulletin_issue AS
SELECT i.id, i.id * 16 + 3 AS doc, 'bulletin_issue' AS kind,
       coalesce(i.publish_date, substr(i.created_at, 1, 10)) AS date, i.deleted_at IS NOT NULL AS trashed,
       i.title,
       coalesce((SELECT group_concat(topic, char(10))
                 FROM (SELECT topic FROM bulletin_topics t WHERE t.issue_id = i.id ORDER BY t.topic)), '')
           || char(10) || i.body AS body
FROM bulletin_issues i;

CREATE VIEW search_source_suggestion AS
SELECT id, id * 16 + 4 AS doc, 'suggestion' AS kind, received_on AS date, deleted_at IS NOT NULL AS trashed,
       content AS title,
       category || char(10) || coalesce(author_name, '') || char(10) || response || char(10) || decline_reason AS body
FROM suggestions;

CREATE VIEW search_source_book_title AS
SELECT b.id, b.id * 16 + 5 AS doc, 'book_title' AS kind, substr(b.created_at, 1, 10) AS date,
       b.deleted_at IS NOT NULL AS trashed, b.name AS title,
       b.authors || char(10) || b.publisher || char(10) || b.category || char(10) || coalesce(b.isbn, '')
           || char(10)
           || coalesce((SELECT group_concat(tag, char(10))
                        FROM (SELECT tag FROM book_tags t WHERE t.title_id = b.id ORDER BY t.tag)), '')
           || char(10) || b.notes AS body
FROM book_titles b;

CREATE VIEW search_source_honour AS
SELECT id, id * 16 + 6 AS doc, 'honour' AS kind, coalesce(awarded_on, CAST(year AS TEXT)) AS date,
       deleted_at IS NOT NULL AS trashed, title, awarding_body || char(10) || notes AS body
FROM honours;

CREATE VIEW search_source_campaign AS
SELECT id, id * 16 + 7 AS doc, 'campaign' AS kind, starts_on AS date, deleted_at IS NOT NULL AS trashed,
       name AS title, notes AS body
FROM campaigns;

CREATE VIEW search_source_special_project AS
SELECT id, id * 16 + 8 AS doc, 'special_project' AS kind, coalesce(filed_on, CAST(year AS TEXT)) AS date,
       deleted_at IS NOT NULL AS trashed, title, rating || char(10) || notes AS body
FROM special_projects;

-- Every record's index row as it should be (what the index must equal).
CREATE VIEW search_source AS
SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) AS folded FROM search_source_person
UNION ALL
SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_activity
UNION ALL
SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_bulletin_issue
UNION ALL
SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_suggestion
UNION ALL
SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_book_title
UNION ALL
SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_honour
UNION ALL
SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_campaign
UNION ALL
SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_special_project;

-- people
CREATE TRIGGER search_people_insert AFTER INSERT ON people BEGIN
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_person WHERE id = NEW.id;
END;
CREATE TRIGGER search_people_update AFTER UPDATE ON people BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 16 + 1;
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_person WHERE id = NEW.id;
END;
CREATE TRIGGER search_people_delete AFTER DELETE ON people BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 16 + 1;
END;

-- activities
CREATE TRIGGER search_activities_insert AFTER INSERT ON activities BEGIN
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_activity WHERE id = NEW.id;
END;
CREATE TRIGGER search_activities_update AFTER UPDATE ON activities BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 16 + 2;
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_activity WHERE id = NEW.id;
END;
CREATE TRIGGER search_activities_delete AFTER DELETE ON activities BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 16 + 2;
END;

-- bulletin issues, and their topics (a topic added or removed rewrites its issue's row)
CREATE TRIGGER search_bulletin_issues_insert AFTER INSERT ON bulletin_issues BEGIN
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_bulletin_issue WHERE id = NEW.id;
END;
CREATE TRIGGER search_bulletin_issues_update AFTER UPDATE ON bulletin_issues BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 16 + 3;
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_bulletin_issue WHERE id = NEW.id;
END;
CREATE TRIGGER search_bulletin_issues_delete AFTER DELETE ON bulletin_issues BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 16 + 3;
END;
CREATE TRIGGER search_bulletin_topics_insert AFTER INSERT ON bulletin_topics BEGIN
    DELETE FROM search_index WHERE rowid = NEW.issue_id * 16 + 3;
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_bulletin_issue WHERE id = NEW.issue_id;
END;
CREATE TRIGGER search_bulletin_topics_update AFTER UPDATE ON bulletin_topics BEGIN
    DELETE FROM search_index WHERE rowid IN (OLD.issue_id * 16 + 3, NEW.issue_id * 16 + 3);
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_bulletin_issue WHERE id IN (OLD.issue_id, NEW.issue_id);
END;
CREATE TRIGGER search_bulletin_topics_delete AFTER DELETE ON bulletin_topics BEGIN
    DELETE FROM search_index WHERE rowid = OLD.issue_id * 16 + 3;
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_bulletin_issue WHERE id = OLD.issue_id;
END;

-- suggestions
CREATE TRIGGER search_suggestions_insert AFTER INSERT ON suggestions BEGIN
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_suggestion WHERE id = NEW.id;
END;
CREATE TRIGGER search_suggestions_update AFTER UPDATE ON suggestions BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 16 + 4;
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_suggestion WHERE id = NEW.id;
END;
CREATE TRIGGER search_suggestions_delete AFTER DELETE ON suggestions BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 16 + 4;
END;

-- book titles, and their tags
CREATE TRIGGER search_book_titles_insert AFTER INSERT ON book_titles BEGIN
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_book_title WHERE id = NEW.id;
END;
CREATE TRIGGER search_book_titles_update AFTER UPDATE ON book_titles BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 16 + 5;
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_book_title WHERE id = NEW.id;
END;
CREATE TRIGGER search_book_titles_delete AFTER DELETE ON book_titles BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 16 + 5;
END;
CREATE TRIGGER search_book_tags_insert AFTER INSERT ON book_tags BEGIN
    DELETE FROM search_index WHERE rowid = NEW.title_id * 16 + 5;
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_book_title WHERE id = NEW.title_id;
END;
CREATE TRIGGER search_book_tags_update AFTER UPDATE ON book_tags BEGIN
    DELETE FROM search_index WHERE rowid IN (OLD.title_id * 16 + 5, NEW.title_id * 16 + 5);
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_book_title WHERE id IN (OLD.title_id, NEW.title_id);
END;
CREATE TRIGGER search_book_tags_delete AFTER DELETE ON book_tags BEGIN
    DELETE FROM search_index WHERE rowid = OLD.title_id * 16 + 5;
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_book_title WHERE id = OLD.title_id;
END;

-- honours
CREATE TRIGGER search_honours_insert AFTER INSERT ON honours BEGIN
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_honour WHERE id = NEW.id;
END;
CREATE TRIGGER search_honours_update AFTER UPDATE ON honours BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 16 + 6;
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_honour WHERE id = NEW.id;
END;
CREATE TRIGGER search_honours_delete AFTER DELETE ON honours BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 16 + 6;
END;

-- campaigns
CREATE TRIGGER search_campaigns_insert AFTER INSERT ON campaigns BEGIN
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_campaign WHERE id = NEW.id;
END;
CREATE TRIGGER search_campaigns_update AFTER UPDATE ON campaigns BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 16 + 7;
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_campaign WHERE id = NEW.id;
END;
CREATE TRIGGER search_campaigns_delete AFTER DELETE ON campaigns BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 16 + 7;
END;

-- special projects
CREATE TRIGGER search_special_projects_insert AFTER INSERT ON special_projects BEGIN
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_special_project WHERE id = NEW.id;
END;
CREATE TRIGGER search_special_projects_update AFTER UPDATE ON special_projects BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 16 + 8;
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_special_project WHERE id = NEW.id;
END;
CREATE TRIGGER search_special_projects_delete AFTER DELETE ON special_projects BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 16 + 8;
END;

-- The records already in the ledger.
INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
SELECT doc, kind, date, trashed, title, body, folded FROM search_source;
