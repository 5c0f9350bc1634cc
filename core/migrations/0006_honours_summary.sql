-- Version 6: honours (荣誉) awarded to the branch or to a person, and the secretary's narrative for each
-- section of an annual (or any date range's) summary (年度工作总结).

CREATE TABLE honours (
    id              INTEGER PRIMARY KEY,
    year            INTEGER NOT NULL,
    awarded_on      TEXT,
    title           TEXT NOT NULL,
    level           TEXT NOT NULL CHECK (level IN ('national', 'provincial', 'city', 'district', 'university', 'school', 'other')),
    recipient_kind  TEXT NOT NULL CHECK (recipient_kind IN ('branch', 'person')),
    person_id       INTEGER REFERENCES people(id),
    awarding_body   TEXT NOT NULL DEFAULT '',
    notes           TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT,
    CHECK ((recipient_kind = 'branch' AND person_id IS NULL) OR (recipient_kind = 'person' AND person_id IS NOT NULL))
);
CREATE INDEX honours_year ON honours(year);
CREATE INDEX honours_person ON honours(person_id);

CREATE TABLE summary_notes (
    range_from  TEXT NOT NULL,
    range_to    TEXT NOT NULL,
    section     TEXT NOT NULL,
    text        TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (range_from, range_to, section)
);
