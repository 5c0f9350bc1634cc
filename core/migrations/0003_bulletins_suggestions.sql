-- Version 3: bulletin series and their numbered issues (宣传栏, 工作简报, websites, WeChat), files kept
-- inside the ledger (attachments), and the suggestion box (群众意见箱).

CREATE TABLE attachments (
    id          INTEGER PRIMARY KEY,
    owner_kind  TEXT NOT NULL,
    owner_id    INTEGER NOT NULL,
    kind        TEXT NOT NULL DEFAULT 'other',
    file_name   TEXT NOT NULL,
    mime        TEXT NOT NULL,
    size        INTEGER NOT NULL,
    data        BLOB NOT NULL,
    created_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX attachments_owner ON attachments(owner_kind, owner_id);

CREATE TABLE bulletin_series (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('bulletin_board', 'briefing', 'website', 'wechat', 'news_channel', 'other')),
    notes       TEXT NOT NULL DEFAULT '',
    deleted_at  TEXT
);
CREATE UNIQUE INDEX bulletin_series_live_name ON bulletin_series(name) WHERE deleted_at IS NULL;

CREATE TABLE bulletin_issues (
    id            INTEGER PRIMARY KEY,
    series_id     INTEGER NOT NULL REFERENCES bulletin_series(id),
    number        INTEGER NOT NULL CHECK (number > 0),
    title         TEXT NOT NULL,
    publish_date  TEXT,
    status        TEXT NOT NULL CHECK (status IN ('planned', 'draft', 'published')),
    body          TEXT NOT NULL DEFAULT '',
    link          TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT,
    CHECK (status <> 'published' OR publish_date IS NOT NULL)
);
CREATE UNIQUE INDEX bulletin_issues_live_number ON bulletin_issues(series_id, number) WHERE deleted_at IS NULL;
CREATE INDEX bulletin_issues_date ON bulletin_issues(publish_date);

CREATE TABLE bulletin_topics (
    issue_id  INTEGER NOT NULL REFERENCES bulletin_issues(id) ON DELETE CASCADE,
    topic     TEXT NOT NULL,
    PRIMARY KEY (issue_id, topic)
);
CREATE INDEX bulletin_topics_topic ON bulletin_topics(topic);

CREATE TABLE bulletin_editors (
    issue_id   INTEGER NOT NULL REFERENCES bulletin_issues(id) ON DELETE CASCADE,
    person_id  INTEGER NOT NULL REFERENCES people(id),
    PRIMARY KEY (issue_id, person_id)
);
CREATE INDEX bulletin_editors_person ON bulletin_editors(person_id);

CREATE TABLE suggestions (
    id                  INTEGER PRIMARY KEY,
    received_on         TEXT NOT NULL,
    channel             TEXT NOT NULL CHECK (channel IN ('box', 'face_to_face', 'online', 'phone', 'other')),
    -- A roster person, a named outsider, or nobody: an anonymous entry holds no name at all.
    author_kind         TEXT NOT NULL CHECK (author_kind IN ('person', 'named', 'anonymous')),
    author_id           INTEGER REFERENCES people(id),
    author_name         TEXT,
    category            TEXT NOT NULL DEFAULT '',
    content             TEXT NOT NULL,
    assignee_id         INTEGER REFERENCES people(id),
    status              TEXT NOT NULL CHECK (status IN ('new', 'in_progress', 'answered', 'closed', 'declined')),
    decline_reason      TEXT NOT NULL DEFAULT '',
    response            TEXT NOT NULL DEFAULT '',
    responded_on        TEXT,
    publish_response    INTEGER NOT NULL DEFAULT 0,
    published_issue_id  INTEGER REFERENCES bulletin_issues(id),
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    deleted_at          TEXT,
    CHECK ((author_kind = 'person' AND author_id IS NOT NULL AND author_name IS NULL)
        OR (author_kind = 'named' AND author_id IS NULL AND author_name IS NOT NULL)
        OR (author_kind = 'anonymous' AND author_id IS NULL AND author_name IS NULL))
);
CREATE INDEX suggestions_received ON suggestions(received_on);
CREATE INDEX suggestions_status ON suggestions(status);

CREATE TABLE suggestion_notes (
    id             INTEGER PRIMARY KEY,
    suggestion_id  INTEGER NOT NULL REFERENCES suggestions(id) ON DELETE CASCADE,
    date           TEXT NOT NULL,
    note           TEXT NOT NULL
);
CREATE INDEX suggestion_notes_suggestion ON suggestion_notes(suggestion_id, date);
