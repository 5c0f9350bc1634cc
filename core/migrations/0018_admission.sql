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

-- The search covers the new records too (the rowid layout of migration 9, types 9 to 12): an
-- admission step by the person's name, the step's name, who took it and its notes; an appraisal by
-- the name, the rating and its notes; a dues payment by the name, its first month and its notes,
-- never an amount or an income; a hand-over by its recipient, months and notes. A person's new name reaches their rows through `search_people_rename`.
CREATE VIEW search_source_admission_step AS
SELECT id, ((deleted_at IS NOT NULL) << 62) | (9 << 58) | (min(max(coalesce(CAST(julianday(CASE WHEN length(d) = 4 THEN d || '-01-01' ELSE d END) - 2415020.5 AS INTEGER), 0), 0), 131071) << 41) | id AS doc,
       'admission_step' AS kind, d AS date, deleted_at IS NOT NULL AS trashed, title, body
FROM (SELECT r.id, r.deleted_at, coalesce(r.date, (SELECT s.date FROM stage_changes s WHERE s.id = r.stage_change_id)) AS d,
       (SELECT p.name FROM people p WHERE p.id = r.person_id) || ' ' || CASE r.kind WHEN 'application' THEN '递交入党申请书' WHEN 'talk' THEN '党组织派人谈话' WHEN 'activist' THEN '确定为入党积极分子' WHEN 'contacts' THEN '指定培养联系人' WHEN 'assessment' THEN '培养考察' WHEN 'thought_report' THEN '思想汇报' WHEN 'candidate' THEN '确定为发展对象' WHEN 'introducers' THEN '确定入党介绍人' WHEN 'political_review' THEN '政治审查' WHEN 'training' THEN '集中培训' WHEN 'committee_review' THEN '支委会审查' WHEN 'pre_review' THEN '上级党委预审' WHEN 'public_notice' THEN '公示' WHEN 'application_form' THEN '填写入党志愿书' WHEN 'admission' THEN '支部大会讨论接收' WHEN 'higher_talk' THEN '上级党委派人谈话' WHEN 'approval' THEN '上级党委审批' WHEN 'oath' THEN '入党宣誓' WHEN 'extension' THEN '延长预备期' WHEN 'conversion' THEN '支部大会讨论转正' WHEN 'conversion_approval' THEN '上级党委审批转正' ELSE '' END AS title, r.done_by || char(10) || r.notes AS body
      FROM admission_steps r);

CREATE VIEW search_source_appraisal AS
SELECT id, ((deleted_at IS NOT NULL) << 62) | (10 << 58) | (min(max(coalesce(CAST(julianday(CASE WHEN length(d) = 4 THEN d || '-01-01' ELSE d END) - 2415020.5 AS INTEGER), 0), 0), 131071) << 41) | id AS doc,
       'appraisal' AS kind, d AS date, deleted_at IS NOT NULL AS trashed, title, body
FROM (SELECT r.id, r.deleted_at, coalesce(r.self_assessed_on, CAST(r.year AS TEXT)) AS d,
       (SELECT p.name FROM people p WHERE p.id = r.person_id) AS title, CAST(r.year AS TEXT) || char(10) || CASE r.rating WHEN 'excellent' THEN '优秀' WHEN 'qualified' THEN '合格' WHEN 'basically_qualified' THEN '基本合格' WHEN 'unqualified' THEN '不合格' ELSE '' END || char(10) || r.notes AS body
      FROM appraisals r);

CREATE VIEW search_source_dues_payment AS
SELECT id, ((deleted_at IS NOT NULL) << 62) | (11 << 58) | (min(max(coalesce(CAST(julianday(CASE WHEN length(d) = 4 THEN d || '-01-01' ELSE d END) - 2415020.5 AS INTEGER), 0), 0), 131071) << 41) | id AS doc,
       'dues_payment' AS kind, d AS date, deleted_at IS NOT NULL AS trashed, title, body
FROM (SELECT r.id, r.deleted_at, r.received_on AS d,
       (SELECT p.name FROM people p WHERE p.id = r.person_id) AS title, r.first_month || char(10) || r.notes AS body
      FROM dues_payments r);

CREATE VIEW search_source_dues_handover AS
SELECT id, ((deleted_at IS NOT NULL) << 62) | (12 << 58) | (min(max(coalesce(CAST(julianday(CASE WHEN length(d) = 4 THEN d || '-01-01' ELSE d END) - 2415020.5 AS INTEGER), 0), 0), 131071) << 41) | id AS doc,
       'dues_handover' AS kind, d AS date, deleted_at IS NOT NULL AS trashed, title, body
FROM (SELECT r.id, r.deleted_at, r.handed_on AS d,
       '党费上缴 ' || r.recipient AS title, r.first_month || char(10) || r.last_month || char(10) || r.notes AS body
      FROM dues_handovers r);

DROP VIEW search_source;
CREATE VIEW search_source AS
SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) AS folded FROM search_source_person
UNION ALL
SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_activity
UNION ALL
SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_bulletin_issue
UNION ALL
SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_suggestion
UNION ALL
SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_book_title
UNION ALL
SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_honour
UNION ALL
SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_campaign
UNION ALL
SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_special_project
UNION ALL
SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_admission_step
UNION ALL
SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_appraisal
UNION ALL
SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_dues_payment
UNION ALL
SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_dues_handover;

CREATE TRIGGER search_admission_steps_insert AFTER INSERT ON admission_steps BEGIN
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_admission_step WHERE id = NEW.id;
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT doc, NULL FROM search_source_admission_step WHERE id = NEW.id;
END;

CREATE TRIGGER search_admission_steps_unindex BEFORE UPDATE ON admission_steps BEGIN
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT rowid, folded FROM search_index WHERE rowid IN (SELECT doc FROM search_source_admission_step WHERE id = OLD.id);
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_admission_step WHERE id = OLD.id);
END;

CREATE TRIGGER search_admission_steps_update AFTER UPDATE ON admission_steps BEGIN
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_admission_step WHERE id = NEW.id;
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT doc, NULL FROM search_source_admission_step WHERE id = NEW.id;
END;

CREATE TRIGGER search_admission_steps_delete BEFORE DELETE ON admission_steps BEGIN
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT rowid, folded FROM search_index WHERE rowid IN (SELECT doc FROM search_source_admission_step WHERE id = OLD.id);
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_admission_step WHERE id = OLD.id);
END;

CREATE TRIGGER search_appraisals_insert AFTER INSERT ON appraisals BEGIN
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_appraisal WHERE id = NEW.id;
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT doc, NULL FROM search_source_appraisal WHERE id = NEW.id;
END;

CREATE TRIGGER search_appraisals_unindex BEFORE UPDATE ON appraisals BEGIN
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT rowid, folded FROM search_index WHERE rowid IN (SELECT doc FROM search_source_appraisal WHERE id = OLD.id);
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_appraisal WHERE id = OLD.id);
END;

CREATE TRIGGER search_appraisals_update AFTER UPDATE ON appraisals BEGIN
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_appraisal WHERE id = NEW.id;
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT doc, NULL FROM search_source_appraisal WHERE id = NEW.id;
END;

CREATE TRIGGER search_appraisals_delete BEFORE DELETE ON appraisals BEGIN
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT rowid, folded FROM search_index WHERE rowid IN (SELECT doc FROM search_source_appraisal WHERE id = OLD.id);
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_appraisal WHERE id = OLD.id);
END;

CREATE TRIGGER search_dues_payments_insert AFTER INSERT ON dues_payments BEGIN
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_dues_payment WHERE id = NEW.id;
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT doc, NULL FROM search_source_dues_payment WHERE id = NEW.id;
END;

CREATE TRIGGER search_dues_payments_unindex BEFORE UPDATE ON dues_payments BEGIN
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT rowid, folded FROM search_index WHERE rowid IN (SELECT doc FROM search_source_dues_payment WHERE id = OLD.id);
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_dues_payment WHERE id = OLD.id);
END;

CREATE TRIGGER search_dues_payments_update AFTER UPDATE ON dues_payments BEGIN
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_dues_payment WHERE id = NEW.id;
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT doc, NULL FROM search_source_dues_payment WHERE id = NEW.id;
END;

CREATE TRIGGER search_dues_payments_delete BEFORE DELETE ON dues_payments BEGIN
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT rowid, folded FROM search_index WHERE rowid IN (SELECT doc FROM search_source_dues_payment WHERE id = OLD.id);
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_dues_payment WHERE id = OLD.id);
END;

CREATE TRIGGER search_dues_handovers_insert AFTER INSERT ON dues_handovers BEGIN
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_dues_handover WHERE id = NEW.id;
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT doc, NULL FROM search_source_dues_handover WHERE id = NEW.id;
END;

CREATE TRIGGER search_dues_handovers_unindex BEFORE UPDATE ON dues_handovers BEGIN
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT rowid, folded FROM search_index WHERE rowid IN (SELECT doc FROM search_source_dues_handover WHERE id = OLD.id);
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_dues_handover WHERE id = OLD.id);
END;

CREATE TRIGGER search_dues_handovers_update AFTER UPDATE ON dues_handovers BEGIN
    INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
    SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_dues_handover WHERE id = NEW.id;
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT doc, NULL FROM search_source_dues_handover WHERE id = NEW.id;
END;

CREATE TRIGGER search_dues_handovers_delete BEFORE DELETE ON dues_handovers BEGIN
    INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
    SELECT rowid, folded FROM search_index WHERE rowid IN (SELECT doc FROM search_source_dues_handover WHERE id = OLD.id);
    DELETE FROM search_index WHERE rowid IN (SELECT doc FROM search_source_dues_handover WHERE id = OLD.id);
END;

CREATE TRIGGER search_people_rename AFTER UPDATE OF name ON people WHEN NEW.name IS NOT OLD.name BEGIN
    UPDATE admission_steps SET person_id = person_id WHERE person_id = NEW.id;
    UPDATE appraisals SET person_id = person_id WHERE person_id = NEW.id;
    UPDATE dues_payments SET person_id = person_id WHERE person_id = NEW.id;
END;

-- The records of 16 and 17 that are already there, indexed now.
INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_appraisal
UNION ALL
SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_dues_payment
UNION ALL
SELECT doc, kind, date, trashed, title, body, lower(title || char(10) || body) FROM search_source_dues_handover;
INSERT OR IGNORE INTO search_chars_stale (doc, indexed)
SELECT doc, NULL FROM search_source_appraisal UNION ALL SELECT doc, NULL FROM search_source_dues_payment
UNION ALL SELECT doc, NULL FROM search_source_dues_handover;
