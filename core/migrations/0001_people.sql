-- Version 1: the roster. People, their stage history and transfers, party groups, committee terms.
PRAGMA application_id = 1112294471;

CREATE TABLE party_groups (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    leader_id   INTEGER REFERENCES people(id),
    notes       TEXT NOT NULL DEFAULT '',
    deleted_at  TEXT
);
CREATE UNIQUE INDEX party_groups_live_name ON party_groups(name) WHERE deleted_at IS NULL;

CREATE TABLE people (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL,
    gender          TEXT CHECK (gender IN ('male', 'female')),
    birth_date      TEXT,
    phone           TEXT NOT NULL DEFAULT '',
    party_group_id  INTEGER REFERENCES party_groups(id),
    -- Current stage and whether the person has left, kept in step with the history below.
    stage           TEXT NOT NULL CHECK (stage IN ('applicant', 'activist', 'candidate', 'probationary', 'full', 'non_member')),
    stage_since     TEXT NOT NULL,
    left_on         TEXT,
    notes           TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT
);
CREATE INDEX people_group ON people(party_group_id);
CREATE INDEX people_stage ON people(stage);

CREATE TABLE stage_changes (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    date        TEXT NOT NULL,
    from_stage  TEXT,
    to_stage    TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX stage_changes_person_date ON stage_changes(person_id, date);

CREATE TABLE transfers (
    id            INTEGER PRIMARY KEY,
    person_id     INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    direction     TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    date          TEXT NOT NULL,
    organisation  TEXT NOT NULL,
    note          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX transfers_person_date ON transfers(person_id, date);

CREATE TABLE committee_terms (
    id          INTEGER PRIMARY KEY,
    ordinal     INTEGER NOT NULL CHECK (ordinal > 0),
    elected_on  TEXT NOT NULL,
    ends_on     TEXT,
    notes       TEXT NOT NULL DEFAULT '',
    deleted_at  TEXT
);
CREATE UNIQUE INDEX committee_terms_live_ordinal ON committee_terms(ordinal) WHERE deleted_at IS NULL;

CREATE TABLE committee_positions (
    id         INTEGER PRIMARY KEY,
    term_id    INTEGER NOT NULL REFERENCES committee_terms(id) ON DELETE CASCADE,
    person_id  INTEGER NOT NULL REFERENCES people(id),
    position   TEXT NOT NULL CHECK (position IN ('secretary', 'deputy_secretary', 'organisation', 'propaganda', 'discipline', 'confidentiality', 'member')),
    UNIQUE (term_id, person_id)
);
-- One secretary, one organisation member, … per term; plain members (委员) may be many.
CREATE UNIQUE INDEX committee_positions_one_each ON committee_positions(term_id, position) WHERE position <> 'member';
