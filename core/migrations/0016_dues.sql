-- Version 16: the party dues register (党费收缴台账). Money is kept in fen (分) as integers, never as
-- floating point. Months are 'YYYY-MM'.

-- The rules that turn a monthly base into the amount due, by version: a version covers the months from
-- `valid_from` to `valid_to` (open when NULL); versions may not overlap. Each bracket of a version says,
-- for one category, the share of the income (rate_bp, per ten thousand) or a fixed amount (min_fen =
-- max_fen) or a range the member chooses within (farmers: 0.2–1 yuan).
CREATE TABLE dues_rule_sets (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    valid_from  TEXT NOT NULL,
    valid_to    TEXT,
    notes       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE TABLE dues_rules (
    id          INTEGER PRIMARY KEY,
    set_id      INTEGER NOT NULL REFERENCES dues_rule_sets(id),
    category    TEXT NOT NULL,
    above_fen   INTEGER NOT NULL DEFAULT 0 CHECK (above_fen >= 0),
    up_to_fen   INTEGER CHECK (up_to_fen IS NULL OR up_to_fen > above_fen),
    rate_bp     INTEGER CHECK (rate_bp IS NULL OR rate_bp BETWEEN 1 AND 10000),
    min_fen     INTEGER CHECK (min_fen IS NULL OR min_fen >= 0),
    max_fen     INTEGER CHECK (max_fen IS NULL OR max_fen >= min_fen),
    CHECK ((rate_bp IS NULL) <> (min_fen IS NULL AND max_fen IS NULL))
);
CREATE INDEX dues_rules_set ON dues_rules(set_id, category, above_fen);

-- The 2008 regulation (《关于中国共产党党费收缴、使用和管理的规定》, 中组部 2008): whole monthly income (after
-- tax) times the rate of its bracket.
INSERT INTO dues_rule_sets (id, name, valid_from, valid_to, notes, created_at, updated_at)
VALUES (1, '2008年中组部党费规定', '2008-01', NULL,
        '《关于中国共产党党费收缴、使用和管理的规定》（中组发〔2008〕3号）：在职党员按税后月工资收入分档计算；离退休党员按税后离退休费分档计算；学生、下岗失业、领取最低生活保障金的党员每月0.2元；农民党员每月0.2元至1元。',
        '2008-01-01 00:00:00', '2008-01-01 00:00:00');
INSERT INTO dues_rules (set_id, category, above_fen, up_to_fen, rate_bp, min_fen, max_fen) VALUES
    (1, 'employed', 0, 300000, 50, NULL, NULL),
    (1, 'employed', 300000, 500000, 100, NULL, NULL),
    (1, 'employed', 500000, 1000000, 150, NULL, NULL),
    (1, 'employed', 1000000, NULL, 200, NULL, NULL),
    (1, 'retired', 0, 500000, 50, NULL, NULL),
    (1, 'retired', 500000, NULL, 100, NULL, NULL),
    (1, 'student', 0, NULL, NULL, 20, 20),
    (1, 'unemployed', 0, NULL, NULL, 20, 20),
    (1, 'allowance', 0, NULL, NULL, 20, 20),
    (1, 'farmer', 0, NULL, NULL, 20, 100);

-- A member's monthly base, declared from a month on (normally once a year). Personal data: it appears
-- only in the dues register and the full export.
CREATE TABLE dues_bases (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES people(id),
    from_month  TEXT NOT NULL,
    category    TEXT NOT NULL,
    income_fen  INTEGER CHECK (income_fen IS NULL OR income_fen >= 0),
    chosen_fen  INTEGER CHECK (chosen_fen IS NULL OR chosen_fen >= 0),
    notes       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE UNIQUE INDEX dues_bases_person_month ON dues_bases(person_id, from_month) WHERE deleted_at IS NULL;

-- A payment for `months` months from `first_month` on (several at once, or in advance up to twelve).
CREATE TABLE dues_payments (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES people(id),
    first_month TEXT NOT NULL,
    months      INTEGER NOT NULL CHECK (months BETWEEN 1 AND 12),
    amount_fen  INTEGER NOT NULL CHECK (amount_fen >= 0),
    received_on TEXT NOT NULL,
    method      TEXT NOT NULL,
    received_by INTEGER REFERENCES people(id),
    notes       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX dues_payments_person ON dues_payments(person_id, first_month);
CREATE INDEX dues_payments_received ON dues_payments(received_on);

-- What the branch handed over (上缴) to the higher committee; the receipt is an attachment
-- (owner 'dues_handover').
CREATE TABLE dues_handovers (
    id          INTEGER PRIMARY KEY,
    first_month TEXT NOT NULL,
    last_month  TEXT NOT NULL,
    amount_fen  INTEGER NOT NULL CHECK (amount_fen > 0),
    handed_on   TEXT NOT NULL,
    recipient   TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT,
    CHECK (last_month >= first_month)
);
CREATE INDEX dues_handovers_handed ON dues_handovers(handed_on);
