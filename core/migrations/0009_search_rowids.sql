-- Version 9: the search index's rowid says what a search needs to rank and count its hits, so that a
-- search reads no text but that of the hits it shows (a word found in thousands of records was ranked
-- by reading each one's type and date).
--
-- The rowid of a record's row in `search_index` is, from the highest bit down:
--   bit 62       1 for a record in the trash
--   bits 58-61   the record type: 1 person, 2 activity, 3 bulletin_issue, 4 suggestion, 5 book_title,
--                6 honour, 7 campaign, 8 special_project
--   bits 41-57   the record's date as days since 1900-01-01 (a year alone counts as its 1 January;
--                no date as 0), up to the year 2258
--   bits 0-40    the record's id
-- so the rows of live records are those below 2^62, the rows of one type form one range, and within a
-- type a larger rowid is a newer record. A record's rowid changes with its date or trash state: the
-- triggers remove its row before the record changes (computing the old rowid from the record as it
-- still is) and write it again afterwards. Everything else is as in version 7.

DROP TRIGGER search_people_insert;
DROP TRIGGER search_people_update;
DROP TRIGGER search_people_delete;
DROP TRIGGER search_activities_insert;
DROP TRIGGER search_activities_update;
DROP TRIGGER search_activities_delete;
DROP TRIGGER search_bulletin_issues_insert;
DROP TRIGGER search_bulletin_issues_update;
DROP TRIGGER search_bulletin_issues_delete;
DROP TRIGGER search_bulletin_topics_insert;
DROP TRIGGER search_bulletin_topics_update;
DROP TRIGGER search_bulletin_topics_delete;
DROP TRIGGER search_suggestions_insert;
DROP TRIGGER search_suggestions_update;
DROP TRIGGER search_suggestions_delete;
DROP TRIGGER search_book_titles_insert;
DROP TRIGGER search_book_titles_update;
DROP TRIGGER search_book_titles_delete;
DROP TRIGGER search_book_tags_insert;
DROP TRIGGER search_book_tags_update;
DROP TRIGGER search_book_tags_delete;
DROP TRIGGER search_honours_insert;
DROP TRIGGER search_honours_update;
DROP TRIGGER search_honours_delete;
DROP TRIGGER search_campaigns_insert;
DROP TRIGGER search_campaigns_update;
DROP TRIGGER search_campaigns_delete;
DROP TRIGGER search_special_projects_insert;
DROP TRIGGER search_special_projects_update;
DROP TRIGGER search_special_projects_delete;
DROP VIEW search_source;
DROP VIEW search_source_person;
DROP VIEW search_source_activity;
DROP VIEW search_source_bulletin_issue;
DROP VIEW search_source_suggestion;
DROP VIEW search_source_book_title;
DROP VIEW search_source_honour;
DROP VIEW search_source_campaign;
DROP VIEW search_source_special_project;
DROP TABLE search_index;

CREATE VIRTUAL TABLE search_index USING fts5(
    kind UNINDEXED,
    date UNINDEXED,
    trashed UNINDEXED,
    title UNINDEXED,
    body UNINDEXED,
    folded,
    tokenize = 'trigram case_sensitive 1'
);

-- Each view below spells out the same expression for a date (YYYY-MM-DD, or YYYY) as days since
-- 1900-01-01:
--   min(max(coalesce(CAST(julianday(CASE WHEN length(d) = 4 THEN d || '-01-01' ELSE d END)
--                         - 2415020.5 AS INTEGER), 0), 0), 131071)

CREATE VIEW search_source_person AS
SELECT id, ((deleted_at IS NOT NULL) << 62) | (1 << 58) | (min(max(coalesce(CAST(julianday(CASE WHEN length(d) = 4 THEN d || '-01-01' ELSE d END) - 2415020.5 AS INTEGER), 0), 0), 131071) << 41) | id AS doc,
       'person' AS kind, d AS date, deleted_at IS NOT NULL AS trashed, title, body
FROM (SELECT r.id, r.deleted_at, stage_since AS d,
       name AS title, notes AS body
      FROM people r);

CREATE VIEW search_source_activity AS
SELECT id, ((deleted_at IS NOT NULL) << 62) | (2 << 58) | (min(max(coalesce(CAST(julianday(CASE WHEN length(d) = 4 THEN d || '-01-01' ELSE d END) - 2415020.5 AS INTEGER), 0), 0), 131071) << 41) | id AS doc,
       'activity' AS kind, d AS date, deleted_at IS NOT NULL AS trashed, title, body
FROM (SELECT r.id, r.deleted_at, date AS d,
       title, place || char(10) || other_org || char(10) || visited || char(10) || content || char(10) || decisions AS body
      FROM activities r);

CREATE VIEW search_source_bulletin_issue AS
SELECT id, ((deleted_at IS NOT NULL) << 62) | (3 << 58) | (min(max(coalesce(CAST(julianday(CASE WHEN length(d) = 4 THEN d || '-01-01' ELSE d END) - 2415020.5 AS INTEGER), 0), 0), 131071) << 41) | id AS doc,
       'bulletin_issue' AS kind, d AS date, deleted_at IS NOT NULL AS trashed, title, body
FROM (SELECT r.id, r.deleted_at, coalesce(publish_date, substr(created_at, 1, 10)) AS d,
       title,
              coalesce((SELECT group_concat(topic, char(10))
                        FROM (SELECT topic FROM bulletin_topics t WHERE t.issue_id = r.id ORDER BY t.topic)), '')
                  || char(10) || body AS body
      FROM bulletin_issues r);

CREATE VIEW search_source_suggestion AS
SELECT id, ((deleted_at IS NOT NULL) << 62) | (4 << 58) | (min(max(coalesce(CAST(julianday(CASE WHEN length(d) = 4 THEN d || '-01-01' ELSE d END) - 2415020.5 AS INTEGER), 0), 0), 131071) << 41) | id AS doc,
       'suggestion' AS kind, d AS date, deleted_at IS NOT NULL AS trashed, title, body
FROM (SELECT r.id, r.deleted_at, received_on AS d,
       content AS title,
              category || char(10) || coalesce(author_name, '') || char(10) || response || char(10) || decline_reason AS body
      FROM suggestions r);

CREATE VIEW search_source_book_title AS
SELECT id, ((deleted_at IS NOT NULL) << 62) | (5 << 58) | (min(max(coalesce(CAST(julianday(CASE WHEN length(d) = 4 THEN d || '-01-01' ELSE d END) - 2415020.5 AS INTEGER), 0), 0), 131071) << 41) | id AS doc,
       'book_title' AS kind, d AS date, deleted_at IS NOT NULL AS trashed, title, body
FROM (SELECT r.id, r.deleted_at, substr(created_at, 1, 10) AS d,
       name AS title,
              authors || char(10) || publisher || char(10) || category || char(10) || coalesce(isbn, '')
                  || char(10)
                  || coalesce((SELECT group_concat(tag, char(10))
                               FROM (SELECT tag FROM book_tags t WHERE t.title_id = r.id ORDER BY t.tag)), '')
                  || char(10) || notes AS body
      FROM book_titles r);

CREATE VIEW search_source_honour AS
SELECT id, ((deleted_at IS NOT NULL) << 62) | (6 << 58) | (min(max(coalesce(CAST(julianday(CASE WHEN length(d) = 4 THEN d || '-01-01' ELSE d END) - 2415020.5 AS INTEGER), 0), 0), 131071) << 41) | id AS doc,
       'honour' AS kind, d AS date, deleted_at IS NOT NULL AS trashed, title, body
FROM (SELECT r.id, r.deleted_at, coalesce(awarded_on, CAST(year AS TEXT)) AS d,
       title, awarding_body || char(10) || notes AS body
      FROM honours r);

CREATE VIEW search_source_campaign AS
SELECT id, ((deleted_at IS NOT NULL) << 62) | (7 << 58) | (min(max(coalesce(CAST(julianday(CASE WHEN length(d) = 4 THEN d || '-01-01' ELSE d END) - 2415020.5 AS INTEGER), 0), 0), 131071) << 41) | id AS doc,
       'campaign' AS kind, d AS date, deleted_at IS NOT NULL AS trashed, title, body
FROM (SELECT r.id, r.deleted_at, starts_on AS d,
       name AS title, notes AS body
      FROM campaigns r);

CREATE VIEW search_source_special_project AS
SELECT id, ((deleted_at IS NOT NULL) << 62) | (8 << 58) | (min(max(coalesce(CAST(julianday(CASE WHEN length(d) = 4 THEN d || '-01-01' ELSE d END) - 2415020.5 AS INTEGER), 0), 0), 131071) << 41) | id AS doc,
       'special_project' AS kind, d AS date, deleted_at IS NOT NULL AS trashed, title, body
FROM (SELECT r.id, r.deleted_at, coalesce(filed_on, CAST(year AS TEXT)) AS d,
       title, rating || char(10) || notes AS body
      FROM special_projects r);

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
CREATE TRIGGER search_people_unindex BEFORE UPDATE ON people BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_person WHERE id = OLD.id);
END;
CREATE TRIGGER search_people_update AFTER UPDATE ON people BEGIN
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_person WHERE id = NEW.id;
END;
CREATE TRIGGER search_people_delete BEFORE DELETE ON people BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_person WHERE id = OLD.id);
END;

-- activities
CREATE TRIGGER search_activities_insert AFTER INSERT ON activities BEGIN
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_activity WHERE id = NEW.id;
END;
CREATE TRIGGER search_activities_unindex BEFORE UPDATE ON activities BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_activity WHERE id = OLD.id);
END;
CREATE TRIGGER search_activities_update AFTER UPDATE ON activities BEGIN
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_activity WHERE id = NEW.id;
END;
CREATE TRIGGER search_activities_delete BEFORE DELETE ON activities BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_activity WHERE id = OLD.id);
END;

-- bulletin_issues
CREATE TRIGGER search_bulletin_issues_insert AFTER INSERT ON bulletin_issues BEGIN
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_bulletin_issue WHERE id = NEW.id;
END;
CREATE TRIGGER search_bulletin_issues_unindex BEFORE UPDATE ON bulletin_issues BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_bulletin_issue WHERE id = OLD.id);
END;
CREATE TRIGGER search_bulletin_issues_update AFTER UPDATE ON bulletin_issues BEGIN
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_bulletin_issue WHERE id = NEW.id;
END;
CREATE TRIGGER search_bulletin_issues_delete BEFORE DELETE ON bulletin_issues BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_bulletin_issue WHERE id = OLD.id);
END;
-- bulletin_topics: a change rewrites its record's row (whose rowid it does not change)
CREATE TRIGGER search_bulletin_topics_insert AFTER INSERT ON bulletin_topics BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_bulletin_issue WHERE id = NEW.issue_id);
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_bulletin_issue WHERE id = NEW.issue_id;
END;
CREATE TRIGGER search_bulletin_topics_update AFTER UPDATE ON bulletin_topics BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_bulletin_issue WHERE id IN (OLD.issue_id, NEW.issue_id));
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_bulletin_issue WHERE id IN (OLD.issue_id, NEW.issue_id);
END;
CREATE TRIGGER search_bulletin_topics_delete AFTER DELETE ON bulletin_topics BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_bulletin_issue WHERE id = OLD.issue_id);
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_bulletin_issue WHERE id = OLD.issue_id;
END;

-- suggestions
CREATE TRIGGER search_suggestions_insert AFTER INSERT ON suggestions BEGIN
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_suggestion WHERE id = NEW.id;
END;
CREATE TRIGGER search_suggestions_unindex BEFORE UPDATE ON suggestions BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_suggestion WHERE id = OLD.id);
END;
CREATE TRIGGER search_suggestions_update AFTER UPDATE ON suggestions BEGIN
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_suggestion WHERE id = NEW.id;
END;
CREATE TRIGGER search_suggestions_delete BEFORE DELETE ON suggestions BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_suggestion WHERE id = OLD.id);
END;

-- book_titles
CREATE TRIGGER search_book_titles_insert AFTER INSERT ON book_titles BEGIN
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_book_title WHERE id = NEW.id;
END;
CREATE TRIGGER search_book_titles_unindex BEFORE UPDATE ON book_titles BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_book_title WHERE id = OLD.id);
END;
CREATE TRIGGER search_book_titles_update AFTER UPDATE ON book_titles BEGIN
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_book_title WHERE id = NEW.id;
END;
CREATE TRIGGER search_book_titles_delete BEFORE DELETE ON book_titles BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_book_title WHERE id = OLD.id);
END;
-- book_tags: a change rewrites its record's row (whose rowid it does not change)
CREATE TRIGGER search_book_tags_insert AFTER INSERT ON book_tags BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_book_title WHERE id = NEW.title_id);
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_book_title WHERE id = NEW.title_id;
END;
CREATE TRIGGER search_book_tags_update AFTER UPDATE ON book_tags BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_book_title WHERE id IN (OLD.title_id, NEW.title_id));
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_book_title WHERE id IN (OLD.title_id, NEW.title_id);
END;
CREATE TRIGGER search_book_tags_delete AFTER DELETE ON book_tags BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_book_title WHERE id = OLD.title_id);
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_book_title WHERE id = OLD.title_id;
END;

-- honours
CREATE TRIGGER search_honours_insert AFTER INSERT ON honours BEGIN
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_honour WHERE id = NEW.id;
END;
CREATE TRIGGER search_honours_unindex BEFORE UPDATE ON honours BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_honour WHERE id = OLD.id);
END;
CREATE TRIGGER search_honours_update AFTER UPDATE ON honours BEGIN
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_honour WHERE id = NEW.id;
END;
CREATE TRIGGER search_honours_delete BEFORE DELETE ON honours BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_honour WHERE id = OLD.id);
END;

-- campaigns
CREATE TRIGGER search_campaigns_insert AFTER INSERT ON campaigns BEGIN
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_campaign WHERE id = NEW.id;
END;
CREATE TRIGGER search_campaigns_unindex BEFORE UPDATE ON campaigns BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_campaign WHERE id = OLD.id);
END;
CREATE TRIGGER search_campaigns_update AFTER UPDATE ON campaigns BEGIN
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_campaign WHERE id = NEW.id;
END;
CREATE TRIGGER search_campaigns_delete BEFORE DELETE ON campaigns BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_campaign WHERE id = OLD.id);
END;

-- special_projects
CREATE TRIGGER search_special_projects_insert AFTER INSERT ON special_projects BEGIN
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_special_project WHERE id = NEW.id;
END;
CREATE TRIGGER search_special_projects_unindex BEFORE UPDATE ON special_projects BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_special_project WHERE id = OLD.id);
END;
CREATE TRIGGER search_special_projects_update AFTER UPDATE ON special_projects BEGIN
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_special_project WHERE id = NEW.id;
END;
CREATE TRIGGER search_special_projects_delete BEFORE DELETE ON special_projects BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_special_project WHERE id = OLD.id);
END;

-- The records already in the ledger.
INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
SELECT doc, kind, date, trashed, title, body, folded FROM search_source;
