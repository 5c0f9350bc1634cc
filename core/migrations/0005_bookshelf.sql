-- Version 5: the branch bookshelf and reading corner (支部书架, 党群图书角): titles, their physical copies,
-- loans to members and non-members, and stocktakes (盘点).

CREATE TABLE book_titles (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    authors     TEXT NOT NULL DEFAULT '',
    publisher   TEXT NOT NULL DEFAULT '',
    year        INTEGER,
    -- ISBN-13 digits, checksum verified; NULL for a book without one.
    isbn        TEXT CHECK (isbn IS NULL OR length(isbn) = 13),
    category    TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE UNIQUE INDEX book_titles_live_isbn ON book_titles(isbn) WHERE deleted_at IS NULL AND isbn IS NOT NULL;
CREATE INDEX book_titles_name ON book_titles(name);

CREATE TABLE book_tags (
    title_id  INTEGER NOT NULL REFERENCES book_titles(id) ON DELETE CASCADE,
    tag       TEXT NOT NULL,
    PRIMARY KEY (title_id, tag)
);
CREATE INDEX book_tags_tag ON book_tags(tag);

CREATE TABLE book_copies (
    id          INTEGER PRIMARY KEY,
    title_id    INTEGER NOT NULL REFERENCES book_titles(id),
    label       TEXT NOT NULL,
    location    TEXT NOT NULL CHECK (location IN ('bookshelf', 'reading_corner', 'other')),
    place       TEXT NOT NULL DEFAULT '',
    source      TEXT NOT NULL CHECK (source IN ('purchase', 'donation', 'allocated', 'other')),
    donor       TEXT NOT NULL DEFAULT '',
    added_on    TEXT NOT NULL,
    condition   TEXT NOT NULL DEFAULT '',
    state       TEXT NOT NULL CHECK (state IN ('available', 'on_loan', 'lost', 'withdrawn')),
    -- When the copy was found lost or withdrawn (NULL while it is available or on loan).
    state_on    TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE UNIQUE INDEX book_copies_live_label ON book_copies(label) WHERE deleted_at IS NULL;
CREATE INDEX book_copies_title ON book_copies(title_id);

CREATE TABLE loans (
    id             INTEGER PRIMARY KEY,
    copy_id        INTEGER NOT NULL REFERENCES book_copies(id),
    person_id      INTEGER NOT NULL REFERENCES people(id),
    loaned_on      TEXT NOT NULL,
    due_on         TEXT NOT NULL,
    renewals       INTEGER NOT NULL DEFAULT 0,
    returned_on    TEXT,
    return_note    TEXT NOT NULL DEFAULT '',
    lost_on        TEXT,
    created_at     TEXT NOT NULL,
    CHECK (due_on >= loaned_on),
    CHECK (returned_on IS NULL OR returned_on >= loaned_on),
    CHECK (lost_on IS NULL OR lost_on >= loaned_on),
    CHECK (returned_on IS NULL OR lost_on IS NULL)
);
-- A copy is out to one borrower at a time.
CREATE UNIQUE INDEX loans_one_open_per_copy ON loans(copy_id) WHERE returned_on IS NULL AND lost_on IS NULL;
CREATE INDEX loans_copy ON loans(copy_id, loaned_on);
CREATE INDEX loans_person ON loans(person_id, loaned_on);
CREATE INDEX loans_loaned_on ON loans(loaned_on);
CREATE INDEX loans_open_due ON loans(due_on) WHERE returned_on IS NULL AND lost_on IS NULL;

CREATE TABLE stocktakes (
    id           INTEGER PRIMARY KEY,
    started_on   TEXT NOT NULL,
    finished_on  TEXT,
    -- Copies expected on the shelf but not found, and whether they were then marked lost.
    missing      INTEGER,
    marked_lost  INTEGER NOT NULL DEFAULT 0,
    notes        TEXT NOT NULL DEFAULT ''
);
-- At most one stocktake is under way.
CREATE UNIQUE INDEX stocktakes_one_open ON stocktakes((finished_on IS NULL)) WHERE finished_on IS NULL;

CREATE TABLE stocktake_found (
    stocktake_id  INTEGER NOT NULL REFERENCES stocktakes(id) ON DELETE CASCADE,
    copy_id       INTEGER NOT NULL REFERENCES book_copies(id),
    found_at      TEXT NOT NULL,
    PRIMARY KEY (stocktake_id, copy_id)
);

-- The copies a finished stocktake did not find.
CREATE TABLE stocktake_missing (
    stocktake_id  INTEGER NOT NULL REFERENCES stocktakes(id) ON DELETE CASCADE,
    copy_id       INTEGER NOT NULL REFERENCES book_copies(id),
    PRIMARY KEY (stocktake_id, copy_id)
);
