-- Version 15: the lists' counts ("1–100 of N") for one filter, kept as the records change.
--
-- A list filtered by one value (the activities of 2019, of one kind or of one person; the people of one
-- stage; the open loans or one person's; the issues of one series; the suggestions of one status; the
-- book titles of one category) counted its matches by walking their index entries: at ten times the
-- records, ten times the walk. `list_counts` holds each of those counts, kept in step by the triggers
-- below in the same statement as the change; the app reads it when exactly one of these filters is
-- asked for, and walks the index for any other combination. `list_counts_source` says what it must hold
-- (the tests compare the two; a count that fell to 0 keeps its row).
--
--   list                     value                 counts the rows that are
--   people.stage             stage                 out of the trash and still in the branch (no left_on)
--   activities.year          'YYYY'                out of the trash
--   activities.kind          kind                  out of the trash
--   activities.person        person id             person_activities (version 14) out of the trash
--   bulletin_issues.series   series id             out of the trash
--   suggestions.status       status                out of the trash
--   loans.open               ''                    neither returned nor lost
--   loans.person             person id             any loan
--   book_titles.category     category              out of the trash
--   attendance.<status>      activity id           expected (present, on_leave, absent: an activity's
--                                                  rate in the list, read instead of counted)

-- `value` holds text or a number as the list needs; a trigger compares it with `+OLD.column` (the
-- unary plus drops the column's type affinity, so SQLite can look the row up by its key).
CREATE TABLE list_counts (
    list  TEXT NOT NULL,
    value NOT NULL,
    n     INTEGER NOT NULL,
    PRIMARY KEY (list, value)
);


CREATE VIEW list_counts_source AS
SELECT 'people.stage' AS list, stage AS value, count(*) AS n FROM people WHERE deleted_at IS NULL AND left_on IS NULL GROUP BY stage
UNION ALL
SELECT 'activities.year' AS list, substr(date, 1, 4) AS value, count(*) AS n FROM activities WHERE deleted_at IS NULL GROUP BY substr(date, 1, 4)
UNION ALL
SELECT 'activities.kind' AS list, kind AS value, count(*) AS n FROM activities WHERE deleted_at IS NULL GROUP BY kind
UNION ALL
SELECT 'activities.person' AS list, person_id AS value, count(*) AS n FROM person_activities WHERE live = 1 GROUP BY person_id
UNION ALL
SELECT 'attendance.' || status AS list, activity_id AS value, count(*) AS n FROM attendance WHERE role = 'expected' GROUP BY status, activity_id
UNION ALL
SELECT 'bulletin_issues.series' AS list, series_id AS value, count(*) AS n FROM bulletin_issues WHERE deleted_at IS NULL GROUP BY series_id
UNION ALL
SELECT 'suggestions.status' AS list, status AS value, count(*) AS n FROM suggestions WHERE deleted_at IS NULL GROUP BY status, status
UNION ALL
SELECT 'loans.open' AS list, '' AS value, count(*) AS n FROM loans WHERE returned_on IS NULL AND lost_on IS NULL GROUP BY ''
UNION ALL
SELECT 'loans.person' AS list, person_id AS value, count(*) AS n FROM loans WHERE 1 GROUP BY person_id
UNION ALL
SELECT 'book_titles.category' AS list, category AS value, count(*) AS n FROM book_titles WHERE deleted_at IS NULL GROUP BY category;

-- people
CREATE TRIGGER list_counts_people_insert AFTER INSERT ON people BEGIN
    INSERT INTO list_counts (list, value, n) SELECT 'people.stage', NEW.stage, 1 WHERE NEW.deleted_at IS NULL AND NEW.left_on IS NULL
        ON CONFLICT (list, value) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER list_counts_people_delete AFTER DELETE ON people BEGIN
    UPDATE list_counts SET n = n - 1 WHERE list = 'people.stage' AND value = +OLD.stage AND OLD.deleted_at IS NULL AND OLD.left_on IS NULL;
END;
CREATE TRIGGER list_counts_people_update AFTER UPDATE OF stage, deleted_at, left_on ON people BEGIN
    UPDATE list_counts SET n = n - 1 WHERE list = 'people.stage' AND value = +OLD.stage AND OLD.deleted_at IS NULL AND OLD.left_on IS NULL;
    INSERT INTO list_counts (list, value, n) SELECT 'people.stage', NEW.stage, 1 WHERE NEW.deleted_at IS NULL AND NEW.left_on IS NULL
        ON CONFLICT (list, value) DO UPDATE SET n = n + 1;
END;

-- activities
CREATE TRIGGER list_counts_activities_insert AFTER INSERT ON activities BEGIN
    INSERT INTO list_counts (list, value, n) SELECT 'activities.year', substr(NEW.date, 1, 4), 1 WHERE NEW.deleted_at IS NULL
        ON CONFLICT (list, value) DO UPDATE SET n = n + 1;
    INSERT INTO list_counts (list, value, n) SELECT 'activities.kind', NEW.kind, 1 WHERE NEW.deleted_at IS NULL
        ON CONFLICT (list, value) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER list_counts_activities_delete AFTER DELETE ON activities BEGIN
    UPDATE list_counts SET n = n - 1 WHERE list = 'activities.year' AND value = +substr(OLD.date, 1, 4) AND OLD.deleted_at IS NULL;
    UPDATE list_counts SET n = n - 1 WHERE list = 'activities.kind' AND value = +OLD.kind AND OLD.deleted_at IS NULL;
END;
CREATE TRIGGER list_counts_activities_update AFTER UPDATE OF date, kind, deleted_at ON activities BEGIN
    UPDATE list_counts SET n = n - 1 WHERE list = 'activities.year' AND value = +substr(OLD.date, 1, 4) AND OLD.deleted_at IS NULL;
    INSERT INTO list_counts (list, value, n) SELECT 'activities.year', substr(NEW.date, 1, 4), 1 WHERE NEW.deleted_at IS NULL
        ON CONFLICT (list, value) DO UPDATE SET n = n + 1;
    UPDATE list_counts SET n = n - 1 WHERE list = 'activities.kind' AND value = +OLD.kind AND OLD.deleted_at IS NULL;
    INSERT INTO list_counts (list, value, n) SELECT 'activities.kind', NEW.kind, 1 WHERE NEW.deleted_at IS NULL
        ON CONFLICT (list, value) DO UPDATE SET n = n + 1;
END;

-- person_activities
CREATE TRIGGER list_counts_person_activities_insert AFTER INSERT ON person_activities BEGIN
    INSERT INTO list_counts (list, value, n) SELECT 'activities.person', NEW.person_id, 1 WHERE NEW.live = 1
        ON CONFLICT (list, value) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER list_counts_person_activities_delete AFTER DELETE ON person_activities BEGIN
    UPDATE list_counts SET n = n - 1 WHERE list = 'activities.person' AND value = +OLD.person_id AND OLD.live = 1;
END;
CREATE TRIGGER list_counts_person_activities_update AFTER UPDATE OF person_id, live ON person_activities BEGIN
    UPDATE list_counts SET n = n - 1 WHERE list = 'activities.person' AND value = +OLD.person_id AND OLD.live = 1;
    INSERT INTO list_counts (list, value, n) SELECT 'activities.person', NEW.person_id, 1 WHERE NEW.live = 1
        ON CONFLICT (list, value) DO UPDATE SET n = n + 1;
END;

-- attendance
CREATE TRIGGER list_counts_attendance_insert AFTER INSERT ON attendance BEGIN
    INSERT INTO list_counts (list, value, n) SELECT 'attendance.' || NEW.status, NEW.activity_id, 1 WHERE NEW.role = 'expected'
        ON CONFLICT (list, value) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER list_counts_attendance_delete AFTER DELETE ON attendance BEGIN
    UPDATE list_counts SET n = n - 1 WHERE list = 'attendance.' || OLD.status AND value = +OLD.activity_id AND OLD.role = 'expected';
END;
CREATE TRIGGER list_counts_attendance_update AFTER UPDATE OF activity_id, role, status ON attendance BEGIN
    UPDATE list_counts SET n = n - 1 WHERE list = 'attendance.' || OLD.status AND value = +OLD.activity_id AND OLD.role = 'expected';
    INSERT INTO list_counts (list, value, n) SELECT 'attendance.' || NEW.status, NEW.activity_id, 1 WHERE NEW.role = 'expected'
        ON CONFLICT (list, value) DO UPDATE SET n = n + 1;
END;

-- bulletin_issues
CREATE TRIGGER list_counts_bulletin_issues_insert AFTER INSERT ON bulletin_issues BEGIN
    INSERT INTO list_counts (list, value, n) SELECT 'bulletin_issues.series', NEW.series_id, 1 WHERE NEW.deleted_at IS NULL
        ON CONFLICT (list, value) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER list_counts_bulletin_issues_delete AFTER DELETE ON bulletin_issues BEGIN
    UPDATE list_counts SET n = n - 1 WHERE list = 'bulletin_issues.series' AND value = +OLD.series_id AND OLD.deleted_at IS NULL;
END;
CREATE TRIGGER list_counts_bulletin_issues_update AFTER UPDATE OF series_id, deleted_at ON bulletin_issues BEGIN
    UPDATE list_counts SET n = n - 1 WHERE list = 'bulletin_issues.series' AND value = +OLD.series_id AND OLD.deleted_at IS NULL;
    INSERT INTO list_counts (list, value, n) SELECT 'bulletin_issues.series', NEW.series_id, 1 WHERE NEW.deleted_at IS NULL
        ON CONFLICT (list, value) DO UPDATE SET n = n + 1;
END;

-- suggestions
CREATE TRIGGER list_counts_suggestions_insert AFTER INSERT ON suggestions BEGIN
    INSERT INTO list_counts (list, value, n) SELECT 'suggestions.status', NEW.status, 1 WHERE NEW.deleted_at IS NULL
        ON CONFLICT (list, value) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER list_counts_suggestions_delete AFTER DELETE ON suggestions BEGIN
    UPDATE list_counts SET n = n - 1 WHERE list = 'suggestions.status' AND value = +OLD.status AND OLD.deleted_at IS NULL;
END;
CREATE TRIGGER list_counts_suggestions_update AFTER UPDATE OF status, deleted_at ON suggestions BEGIN
    UPDATE list_counts SET n = n - 1 WHERE list = 'suggestions.status' AND value = +OLD.status AND OLD.deleted_at IS NULL;
    INSERT INTO list_counts (list, value, n) SELECT 'suggestions.status', NEW.status, 1 WHERE NEW.deleted_at IS NULL
        ON CONFLICT (list, value) DO UPDATE SET n = n + 1;
END;

-- loans
CREATE TRIGGER list_counts_loans_insert AFTER INSERT ON loans BEGIN
    INSERT INTO list_counts (list, value, n) SELECT 'loans.open', '', 1 WHERE NEW.returned_on IS NULL AND NEW.lost_on IS NULL
        ON CONFLICT (list, value) DO UPDATE SET n = n + 1;
    INSERT INTO list_counts (list, value, n) SELECT 'loans.person', NEW.person_id, 1 WHERE 1
        ON CONFLICT (list, value) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER list_counts_loans_delete AFTER DELETE ON loans BEGIN
    UPDATE list_counts SET n = n - 1 WHERE list = 'loans.open' AND value = +'' AND OLD.returned_on IS NULL AND OLD.lost_on IS NULL;
    UPDATE list_counts SET n = n - 1 WHERE list = 'loans.person' AND value = +OLD.person_id AND 1;
END;
CREATE TRIGGER list_counts_loans_update AFTER UPDATE OF person_id, returned_on, lost_on ON loans BEGIN
    UPDATE list_counts SET n = n - 1 WHERE list = 'loans.open' AND value = +'' AND OLD.returned_on IS NULL AND OLD.lost_on IS NULL;
    INSERT INTO list_counts (list, value, n) SELECT 'loans.open', '', 1 WHERE NEW.returned_on IS NULL AND NEW.lost_on IS NULL
        ON CONFLICT (list, value) DO UPDATE SET n = n + 1;
    UPDATE list_counts SET n = n - 1 WHERE list = 'loans.person' AND value = +OLD.person_id AND 1;
    INSERT INTO list_counts (list, value, n) SELECT 'loans.person', NEW.person_id, 1 WHERE 1
        ON CONFLICT (list, value) DO UPDATE SET n = n + 1;
END;

-- book_titles
CREATE TRIGGER list_counts_book_titles_insert AFTER INSERT ON book_titles BEGIN
    INSERT INTO list_counts (list, value, n) SELECT 'book_titles.category', NEW.category, 1 WHERE NEW.deleted_at IS NULL
        ON CONFLICT (list, value) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER list_counts_book_titles_delete AFTER DELETE ON book_titles BEGIN
    UPDATE list_counts SET n = n - 1 WHERE list = 'book_titles.category' AND value = +OLD.category AND OLD.deleted_at IS NULL;
END;
CREATE TRIGGER list_counts_book_titles_update AFTER UPDATE OF category, deleted_at ON book_titles BEGIN
    UPDATE list_counts SET n = n - 1 WHERE list = 'book_titles.category' AND value = +OLD.category AND OLD.deleted_at IS NULL;
    INSERT INTO list_counts (list, value, n) SELECT 'book_titles.category', NEW.category, 1 WHERE NEW.deleted_at IS NULL
        ON CONFLICT (list, value) DO UPDATE SET n = n + 1;
END;

-- The counts of the records already in the ledger.
INSERT INTO list_counts (list, value, n) SELECT list, value, n FROM list_counts_source;

-- The dashboard's calendar has a line per party group, whose meetings are required from the group's
-- first recorded activity: that first date, and a group's activities in a month, straight from one
-- index of the live activities (a group's first date was found by reading all its activities).
CREATE INDEX activities_live_group_date ON activities(party_group_id, date, kind) WHERE deleted_at IS NULL;
