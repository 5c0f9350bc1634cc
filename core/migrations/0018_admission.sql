-- Version 18: the admission procedure (发展党员): the dated steps of each person's way from application
-- to full membership, with who took them and the papers kept on them (attachments, owner
-- 'admission_step').
--
-- The five steps that change a person's stage (application, activist, candidate, admission,
-- conversion) are the roster's stage changes: such a step row only adds its details and points at its
-- stage change, whose date and stage stay the one source of truth (the step's own date stays NULL).
-- A stage change without a step row is still shown as its step. Every other step keeps its own date.
CREATE TABLE admission_steps (
    id               INTEGER PRIMARY KEY,
    person_id        INTEGER NOT NULL REFERENCES people(id),
    kind             TEXT NOT NULL,
    date             TEXT,
    stage_change_id  INTEGER UNIQUE REFERENCES stage_changes(id) ON DELETE CASCADE,
    -- Who did it: the talker, the two contacts or introducers, the reviewing committee …
    done_by          TEXT NOT NULL DEFAULT '',
    -- The meeting that decided it (a general meeting for admission and conversion).
    activity_id      INTEGER REFERENCES activities(id),
    -- Training: days and class hours; public notice: days; extension of probation: months.
    days             INTEGER,
    hours            INTEGER,
    months           INTEGER,
    notes            TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    deleted_at       TEXT,
    CHECK ((stage_change_id IS NULL) <> (date IS NULL))
);
CREATE INDEX admission_steps_person ON admission_steps(person_id, date);
CREATE INDEX admission_steps_activity ON admission_steps(activity_id);
