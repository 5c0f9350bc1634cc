-- Version 12: an honour goes to the branch, to one of its people, or to the unit the branch serves
-- (单位: a collective award of the platform, which the branch's work helped win but which is not the
-- branch's own). SQLite cannot change a CHECK in place, so the table is rebuilt with the same ids; the
-- search index keeps its rows (titles and bodies do not change). Existing rows: a person's honour if a
-- person is set, else the branch's.
DROP TRIGGER search_honours_insert;
DROP TRIGGER search_honours_unindex;
DROP TRIGGER search_honours_update;
DROP TRIGGER search_honours_delete;
CREATE TABLE honours_v11 AS SELECT * FROM honours;
DROP TABLE honours;

CREATE TABLE honours (
    id              INTEGER PRIMARY KEY,
    year            INTEGER NOT NULL,
    awarded_on      TEXT,
    title           TEXT NOT NULL,
    level           TEXT NOT NULL CHECK (level IN ('national', 'provincial', 'city', 'district', 'university', 'school', 'other')),
    recipient_kind  TEXT NOT NULL CHECK (recipient_kind IN ('branch', 'person', 'unit')),
    person_id       INTEGER REFERENCES people(id),
    awarding_body   TEXT NOT NULL DEFAULT '',
    notes           TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT,
    CHECK ((recipient_kind IN ('branch', 'unit') AND person_id IS NULL) OR (recipient_kind = 'person' AND person_id IS NOT NULL))
);
INSERT INTO honours (id, year, awarded_on, title, level, recipient_kind, person_id, awarding_body, notes,
                     created_at, updated_at, deleted_at)
SELECT id, year, awarded_on, title, level, CASE WHEN person_id IS NOT NULL THEN 'person' ELSE 'branch' END,
       person_id, awarding_body, notes, created_at, updated_at, deleted_at
FROM honours_v11;
DROP TABLE honours_v11;
CREATE INDEX honours_year ON honours(year);
CREATE INDEX honours_person ON honours(person_id);

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
