-- Version 2: settings, and a record of when things went to the trash (for the trash screen's order).
CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
CREATE INDEX people_deleted ON people(deleted_at) WHERE deleted_at IS NOT NULL;
