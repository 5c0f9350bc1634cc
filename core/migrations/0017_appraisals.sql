-- Version 17: the yearly appraisal of members (民主评议党员): per year and member, the self-assessment
-- date, the rating and a note, linked to the appraisal meeting (an activity of kind member_appraisal).
CREATE TABLE appraisals (
    id                INTEGER PRIMARY KEY,
    year              INTEGER NOT NULL,
    person_id         INTEGER NOT NULL REFERENCES people(id),
    activity_id       INTEGER REFERENCES activities(id),
    self_assessed_on  TEXT,
    rating            TEXT NOT NULL,
    notes             TEXT NOT NULL DEFAULT '',
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    deleted_at        TEXT
);
CREATE UNIQUE INDEX appraisals_year_person ON appraisals(year, person_id) WHERE deleted_at IS NULL;
CREATE INDEX appraisals_activity ON appraisals(activity_id);
