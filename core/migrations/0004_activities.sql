-- Version 4: the activity log (组织生活): meetings and events with attendance, the campaigns (主题教育)
-- and special projects (特色活动) they belong to. Files (notice, minutes, sign-in sheet, photos) live in
-- `attachments` with owner_kind 'activity'.

CREATE TABLE campaigns (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    starts_on   TEXT NOT NULL,
    ends_on     TEXT,
    notes       TEXT NOT NULL DEFAULT '',
    deleted_at  TEXT,
    CHECK (ends_on IS NULL OR ends_on >= starts_on)
);

CREATE TABLE special_projects (
    id          INTEGER PRIMARY KEY,
    year        INTEGER NOT NULL,
    title       TEXT NOT NULL,
    filed_on    TEXT,
    status      TEXT NOT NULL CHECK (status IN ('planned', 'filed', 'in_progress', 'completed')),
    rating      TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    deleted_at  TEXT
);

CREATE TABLE activities (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('general_meeting', 'committee_meeting', 'group_meeting',
                        'party_lecture', 'theme_day', 'review_meeting', 'member_appraisal', 'study', 'practice',
                        'joint_activity', 'visit', 'talk', 'other')),
    date            TEXT NOT NULL,
    time            TEXT NOT NULL DEFAULT '',
    place           TEXT NOT NULL DEFAULT '',
    title           TEXT NOT NULL,
    host_id         INTEGER REFERENCES people(id),
    recorder_id     INTEGER REFERENCES people(id),
    party_group_id  INTEGER REFERENCES party_groups(id),
    other_org       TEXT NOT NULL DEFAULT '',
    visited         TEXT NOT NULL DEFAULT '',
    campaign_id     INTEGER REFERENCES campaigns(id),
    project_id      INTEGER REFERENCES special_projects(id),
    content         TEXT NOT NULL DEFAULT '',
    decisions       TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT,
    CHECK (kind <> 'group_meeting' OR party_group_id IS NOT NULL)
);
CREATE INDEX activities_date ON activities(date);
CREATE INDEX activities_kind_date ON activities(kind, date);
CREATE INDEX activities_campaign ON activities(campaign_id);
CREATE INDEX activities_project ON activities(project_id);

CREATE TABLE activity_speakers (
    activity_id  INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    person_id    INTEGER NOT NULL REFERENCES people(id),
    PRIMARY KEY (activity_id, person_id)
);
CREATE INDEX activity_speakers_person ON activity_speakers(person_id);

-- Who was expected or came: roster people (expected members, invited non-members) or named guests.
CREATE TABLE attendance (
    id           INTEGER PRIMARY KEY,
    activity_id  INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    person_id    INTEGER REFERENCES people(id),
    guest_name   TEXT,
    role         TEXT NOT NULL CHECK (role IN ('expected', 'invited', 'guest')),
    status       TEXT NOT NULL CHECK (status IN ('present', 'on_leave', 'absent')),
    reason       TEXT NOT NULL DEFAULT '',
    CHECK ((person_id IS NOT NULL AND guest_name IS NULL) OR (person_id IS NULL AND guest_name IS NOT NULL)),
    CHECK (status <> 'on_leave' OR reason <> '')
);
CREATE UNIQUE INDEX attendance_person ON attendance(activity_id, person_id) WHERE person_id IS NOT NULL;
CREATE INDEX attendance_by_person ON attendance(person_id);
