-- Version 8: indexes for large ledgers. Each one removes a read of a whole big table that a query plan
-- (EXPLAIN QUERY PLAN, tests/plans.rs) showed on a ledger grown with `ledger demo --scale 10`
-- (50,000 activities with 450,000 attendance rows, 100,000 loans, 20,000 bulletin issues and
-- 20,000 suggestions).

-- An activity's attendance, by role and status: the rates in the activity list, on an activity and in
-- the annual summary were counted by reading the whole attendance table once for every activity.
CREATE INDEX attendance_activity ON attendance(activity_id, role, status);

-- A person's attendance with the activities it belongs to, read from the index alone (the activity list
-- filtered by person, a person's attendance rate).
DROP INDEX attendance_by_person;
CREATE INDEX attendance_by_person ON attendance(person_id, activity_id);

-- Who hosted or recorded an activity: the dashboard's hosting rotation (when each committee member last
-- hosted) and the activity list filtered by person.
CREATE INDEX activities_host ON activities(host_id, date);
CREATE INDEX activities_recorder ON activities(recorder_id);

-- Loans still out, newest first (the bookshelf's list of open loans), without walking every loan ever made.
CREATE INDEX loans_open_loaned ON loans(loaned_on) WHERE returned_on IS NULL AND lost_on IS NULL;

-- Suggestions of a status newest first (the list filtered by status, the dashboard's unanswered ones),
-- and by the day they were answered (the summary's answers in a year); they serve everything the index
-- on status alone did.
CREATE INDEX suggestions_status_received ON suggestions(status, received_on);
CREATE INDEX suggestions_status_responded ON suggestions(status, responded_on);
DROP INDEX suggestions_status;

-- The activity lists count the live activities (all, of a year, of a kind) for "1–100 of 50,000", which
-- read every activity with its minutes. The indexes on date and on kind and date now hold the live
-- activities only (every query of activities asks for deleted_at IS NULL) and end with deleted_at
-- (always NULL there) so that a count reads the index alone.
DROP INDEX activities_date;
CREATE INDEX activities_live_date ON activities(date, deleted_at) WHERE deleted_at IS NULL;
DROP INDEX activities_kind_date;
CREATE INDEX activities_live_kind_date ON activities(kind, date, deleted_at) WHERE deleted_at IS NULL;

-- A party group's meetings (the compliance calendar's line for each group, the summary's compliance).
CREATE INDEX activities_group ON activities(party_group_id, kind, date);

-- The bulletin issues in the list's order (unpublished first, then newest), so that the first page is
-- read from the start of the index instead of sorting every issue; with deleted_at for the count.
CREATE INDEX bulletin_issues_listed ON bulletin_issues((publish_date IS NULL) DESC, publish_date DESC, series_id,
    number DESC, deleted_at) WHERE deleted_at IS NULL;

-- Suggestions newest first, with deleted_at, so that the list's count reads the index alone.
DROP INDEX suggestions_received;
CREATE INDEX suggestions_received ON suggestions(received_on, deleted_at);
