-- Version 14: one person's activities, newest first, without sorting all of them.
--
-- The activity list filtered by a person shows the activities they hosted, recorded, spoke at or were
-- listed for (attendance). Found through four tables, all of a person's activities had to be read and
-- sorted by date to show the newest hundred: at ten times the records, ten times the work.
-- `person_activities` holds each (person, activity) pair once, with the activity's date and whether it
-- is out of the trash, so its index gives them newest first and a page reads only what it shows.
-- It is derived: the triggers below keep it in step with the four tables in the same statement, and
-- `person_activities_source` says what it must hold (the tests compare the two).

CREATE TABLE person_activities (
    person_id   INTEGER NOT NULL,
    activity_id INTEGER NOT NULL,
    date        TEXT NOT NULL,
    live        INTEGER NOT NULL,
    UNIQUE (person_id, activity_id)
);
CREATE INDEX person_activities_newest ON person_activities(person_id, live, date, activity_id);
CREATE INDEX person_activities_activity ON person_activities(activity_id);

-- Every pair as it should be.
CREATE VIEW person_activities_source AS
SELECT person_id, activity_id, v.date, v.deleted_at IS NULL AS live
FROM (SELECT person_id, activity_id FROM attendance WHERE person_id IS NOT NULL
      UNION SELECT person_id, activity_id FROM activity_speakers
      UNION SELECT host_id, id FROM activities WHERE host_id IS NOT NULL
      UNION SELECT recorder_id, id FROM activities WHERE recorder_id IS NOT NULL) pair
JOIN activities v ON v.id = pair.activity_id;

-- A trigger adds the pair a new row makes (an upsert, so that a pair made twice is one row and the
-- triggers on this table see an update, not a silent replace), and removes the pair a removed row
-- made unless another of the four tables still makes it.

-- attendance
CREATE TRIGGER person_activities_attendance_insert AFTER INSERT ON attendance
WHEN NEW.person_id IS NOT NULL BEGIN
    INSERT INTO person_activities (person_id, activity_id, date, live)
    SELECT NEW.person_id, v.id, v.date, v.deleted_at IS NULL FROM activities v WHERE v.id = NEW.activity_id
    ON CONFLICT (person_id, activity_id) DO UPDATE SET date = excluded.date, live = excluded.live;
END;
CREATE TRIGGER person_activities_attendance_delete AFTER DELETE ON attendance
WHEN OLD.person_id IS NOT NULL BEGIN
    DELETE FROM person_activities WHERE person_id = OLD.person_id AND activity_id = OLD.activity_id
        AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.activity_id = OLD.activity_id AND a.person_id = OLD.person_id)
        AND NOT EXISTS (SELECT 1 FROM activity_speakers s WHERE s.activity_id = OLD.activity_id AND s.person_id = OLD.person_id)
        AND NOT EXISTS (SELECT 1 FROM activities v WHERE v.id = OLD.activity_id
                        AND (v.host_id = OLD.person_id OR v.recorder_id = OLD.person_id));
END;
CREATE TRIGGER person_activities_attendance_update AFTER UPDATE OF activity_id, person_id ON attendance BEGIN
    DELETE FROM person_activities WHERE person_id = OLD.person_id AND activity_id = OLD.activity_id
        AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.activity_id = OLD.activity_id AND a.person_id = OLD.person_id)
        AND NOT EXISTS (SELECT 1 FROM activity_speakers s WHERE s.activity_id = OLD.activity_id AND s.person_id = OLD.person_id)
        AND NOT EXISTS (SELECT 1 FROM activities v WHERE v.id = OLD.activity_id
                        AND (v.host_id = OLD.person_id OR v.recorder_id = OLD.person_id));
    INSERT INTO person_activities (person_id, activity_id, date, live)
    SELECT NEW.person_id, v.id, v.date, v.deleted_at IS NULL FROM activities v
    WHERE v.id = NEW.activity_id AND NEW.person_id IS NOT NULL
    ON CONFLICT (person_id, activity_id) DO UPDATE SET date = excluded.date, live = excluded.live;
END;

-- activity_speakers
CREATE TRIGGER person_activities_speakers_insert AFTER INSERT ON activity_speakers BEGIN
    INSERT INTO person_activities (person_id, activity_id, date, live)
    SELECT NEW.person_id, v.id, v.date, v.deleted_at IS NULL FROM activities v WHERE v.id = NEW.activity_id
    ON CONFLICT (person_id, activity_id) DO UPDATE SET date = excluded.date, live = excluded.live;
END;
CREATE TRIGGER person_activities_speakers_delete AFTER DELETE ON activity_speakers BEGIN
    DELETE FROM person_activities WHERE person_id = OLD.person_id AND activity_id = OLD.activity_id
        AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.activity_id = OLD.activity_id AND a.person_id = OLD.person_id)
        AND NOT EXISTS (SELECT 1 FROM activity_speakers s WHERE s.activity_id = OLD.activity_id AND s.person_id = OLD.person_id)
        AND NOT EXISTS (SELECT 1 FROM activities v WHERE v.id = OLD.activity_id
                        AND (v.host_id = OLD.person_id OR v.recorder_id = OLD.person_id));
END;
CREATE TRIGGER person_activities_speakers_update AFTER UPDATE ON activity_speakers BEGIN
    DELETE FROM person_activities WHERE person_id = OLD.person_id AND activity_id = OLD.activity_id
        AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.activity_id = OLD.activity_id AND a.person_id = OLD.person_id)
        AND NOT EXISTS (SELECT 1 FROM activity_speakers s WHERE s.activity_id = OLD.activity_id AND s.person_id = OLD.person_id)
        AND NOT EXISTS (SELECT 1 FROM activities v WHERE v.id = OLD.activity_id
                        AND (v.host_id = OLD.person_id OR v.recorder_id = OLD.person_id));
    INSERT INTO person_activities (person_id, activity_id, date, live)
    SELECT NEW.person_id, v.id, v.date, v.deleted_at IS NULL FROM activities v WHERE v.id = NEW.activity_id
    ON CONFLICT (person_id, activity_id) DO UPDATE SET date = excluded.date, live = excluded.live;
END;

-- activities: the host and the recorder are pairs too; a new date or trash state moves every pair.
CREATE TRIGGER person_activities_activity_insert AFTER INSERT ON activities BEGIN
    INSERT INTO person_activities (person_id, activity_id, date, live)
    SELECT p, NEW.id, NEW.date, NEW.deleted_at IS NULL FROM (SELECT NEW.host_id AS p UNION SELECT NEW.recorder_id)
    WHERE p IS NOT NULL
    ON CONFLICT (person_id, activity_id) DO UPDATE SET date = excluded.date, live = excluded.live;
END;
CREATE TRIGGER person_activities_activity_update AFTER UPDATE OF date, deleted_at, host_id, recorder_id ON activities BEGIN
    UPDATE person_activities SET date = NEW.date, live = NEW.deleted_at IS NULL WHERE activity_id = NEW.id;
    DELETE FROM person_activities WHERE activity_id = NEW.id
        AND person_id IN (OLD.host_id, OLD.recorder_id)
        AND person_id IS NOT NULL AND person_id IS NOT NEW.host_id AND person_id IS NOT NEW.recorder_id
        AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.activity_id = NEW.id AND a.person_id = person_activities.person_id)
        AND NOT EXISTS (SELECT 1 FROM activity_speakers s WHERE s.activity_id = NEW.id AND s.person_id = person_activities.person_id);
    INSERT INTO person_activities (person_id, activity_id, date, live)
    SELECT p, NEW.id, NEW.date, NEW.deleted_at IS NULL FROM (SELECT NEW.host_id AS p UNION SELECT NEW.recorder_id)
    WHERE p IS NOT NULL
    ON CONFLICT (person_id, activity_id) DO UPDATE SET date = excluded.date, live = excluded.live;
END;
CREATE TRIGGER person_activities_activity_delete AFTER DELETE ON activities BEGIN
    DELETE FROM person_activities WHERE activity_id = OLD.id;
END;

-- The pairs of the activities already in the ledger.
INSERT INTO person_activities (person_id, activity_id, date, live)
SELECT person_id, activity_id, date, live FROM person_activities_source;
