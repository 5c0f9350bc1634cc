// The only module that talks to the Rust side. Every call resolves with data or rejects with
// {code, message, field}, the message already in the user's language. Arguments are camelCase (Tauri turns
// `personId` into the command's `person_id`); records inside them keep the Rust field names.
const invoke = (command, args) => window.__TAURI__.core.invoke(command, args);

export const appStatus = () => invoke('app_status');
/** Every coded value by name: {stage: [{code, zh, en}, …], …} (core/src/vocabulary.rs). */
export const vocabulary = () => invoke('vocabulary');
export const setLanguage = (language) => invoke('set_language', { language });
export const setZoom = (percent) => invoke('set_zoom', { percent });
export const firstRunChoice = (demo) => invoke('first_run_choice', { demo });
/** Clears the demo: keeps it as 示例台账-<date>.sqlite3 beside the ledger and starts an empty one. */
export const demoClear = () => invoke('demo_clear');

export const rosterOverview = () => invoke('roster_overview');
/** One page of the roster: {rows, total, offset}. */
export const peopleList = (query) => invoke('people_list', { query });
/** Everyone (id, name, stage, party_group_id, left_on) in pinyin order, unpaged: for pickers. */
export const peopleNames = (includeLeft) => invoke('people_names', { includeLeft });
export const personGet = (id) => invoke('person_get', { id });
export const personAdd = (input) => invoke('person_add', { input });
export const personUpdate = (id, input) => invoke('person_update', { id, input });
export const personChangeStage = (id, input) => invoke('person_change_stage', { id, input });
export const personTransfer = (id, input) => invoke('person_transfer', { id, input });

export const groupsList = () => invoke('groups_list');
export const groupSave = (id, input) => invoke('group_save', { id, input });
export const termsList = () => invoke('terms_list');
export const termSave = (id, input) => invoke('term_save', { id, input });
export const seatAdd = (termId, personId, position) =>
  invoke('seat_add', { termId, personId, position });
export const seatRemove = (seatId) => invoke('seat_remove', { seatId });

export const trashList = () => invoke('trash_list');
export const trashMove = (kind, id) => invoke('trash_move', { kind, id });
export const trashRestore = (kind, id) => invoke('trash_restore', { kind, id });
export const trashPurge = (kind, id) => invoke('trash_purge', { kind, id });

export const setTermYears = (years) => invoke('set_term_years', { years });
export const setBranchName = (name) => invoke('set_branch_name', { name });
export const ledgerInfo = () => invoke('ledger_info');

export const backupOverview = () => invoke('backup_overview');
export const backupList = (folder) => invoke('backup_list', { folder });
export const pickFolder = () => invoke('pick_folder');
export const pickBackupFile = () => invoke('pick_backup_file');
export const backupRun = (target, passphrase, passphraseAgain) =>
  invoke('backup_run', { target, passphrase, passphraseAgain });
export const backupVerify = (file, passphrase) => invoke('backup_verify', { file, passphrase });
export const backupRestore = (file, passphrase) => invoke('backup_restore', { file, passphrase });
export const setBackupRules = (keep, nagDays) => invoke('set_backup_rules', { keep, nagDays });

/** Calls `handler(payload)` for each backup progress event; resolves to a function that stops it. */
export const onBackupProgress = (handler) =>
  window.__TAURI__.event.listen('backup-progress', (event) => handler(event.payload));

export const bulletinsOverview = () => invoke('bulletins_overview');
/** One page of issues: {rows, total, offset}. */
export const bulletinIssues = (query) => invoke('bulletin_issues', { query });
export const bulletinIssueGet = (id) => invoke('bulletin_issue_get', { id });
export const bulletinNextNumber = (seriesId) => invoke('bulletin_next_number', { seriesId });
export const bulletinSeriesSave = (id, input) => invoke('bulletin_series_save', { id, input });
export const bulletinIssueSave = (id, input) => invoke('bulletin_issue_save', { id, input });

export const suggestionsOverview = (year) => invoke('suggestions_overview', { year });
export const suggestionsList = (query) => invoke('suggestions_list', { query });
export const suggestionGet = (id) => invoke('suggestion_get', { id });
export const suggestionSave = (id, input) => invoke('suggestion_save', { id, input });
export const suggestionAssign = (id, assigneeId) => invoke('suggestion_assign', { id, assigneeId });
export const suggestionNote = (id, date, note) => invoke('suggestion_note', { id, date, note });
export const suggestionRespond = (id, input) => invoke('suggestion_respond', { id, input });
export const suggestionClose = (id) => invoke('suggestion_close', { id });
export const suggestionDecline = (id, reason, date) => invoke('suggestion_decline', { id, reason, date });
export const setSuggestionOverdueDays = (days) => invoke('set_suggestion_overdue_days', { days });

export const attachmentsList = (owner, ownerId) => invoke('attachments_list', { owner, ownerId });
export const attachmentAdd = (owner, ownerId, kind) => invoke('attachment_add', { owner, ownerId, kind });
export const attachmentView = (id) => invoke('attachment_view', { id });
export const attachmentExport = (id) => invoke('attachment_export', { id });

export const activitiesOverview = () => invoke('activities_overview');
export const activitiesList = (query) => invoke('activities_list', { query });
export const activityGet = (id) => invoke('activity_get', { id });
export const activitySave = (id, input) => invoke('activity_save', { id, input });
export const activityExpected = (kind, date, partyGroupId, withProspects) =>
  invoke('activity_expected', { kind, date, partyGroupId, withProspects });

export const dashboard = (year) => invoke('dashboard', { year });
export const setCadenceRule = (kind, period) => invoke('set_cadence_rule', { kind, period });
export const setCycleWeeks = (weeks) => invoke('set_cycle_weeks', { weeks });
export const personParticipation = (personId, year) => invoke('person_participation', { personId, year });
export const campaignSave = (id, input) => invoke('campaign_save', { id, input });
export const projectSave = (id, input) => invoke('project_save', { id, input });

export const bookshelfOverview = () => invoke('bookshelf_overview');
export const bookTitles = (query) => invoke('book_titles', { query });
export const bookTitleGet = (id) => invoke('book_title_get', { id });
export const bookTitleSave = (id, input) => invoke('book_title_save', { id, input });
export const bookCopySave = (id, titleId, input) => invoke('book_copy_save', { id, titleId, input });
export const bookCopyState = (id, state, date) => invoke('book_copy_state', { id, copyState: state, date });
export const bookNextLabel = () => invoke('book_next_label');
export const loansList = (query) => invoke('loans_list', { query });
export const loanLend = (input) => invoke('loan_lend', { input });
export const loanLendLabel = (label, input) => invoke('loan_lend_label', { label, input });
export const loanDeskMatches = (text) => invoke('loan_desk_matches', { text });
export const loanRenew = (id, date, dueOn) => invoke('loan_renew', { id, date, dueOn: dueOn || null });
export const loanReturn = (id, date, note) => invoke('loan_return', { id, date, note });
export const loanLost = (id, date) => invoke('loan_lost', { id, date });
export const setLoanRules = (loanDays, renewLimit) => invoke('set_loan_rules', { loanDays, renewLimit });
export const stocktakeOverview = () => invoke('stocktake_overview');
export const stocktakeStart = (date) => invoke('stocktake_start', { date });
export const stocktakeTick = (id, label) => invoke('stocktake_tick', { id, label });
export const stocktakeUntick = (id, copyId) => invoke('stocktake_untick', { id, copyId });
export const stocktakeFinish = (id, date, markLost) => invoke('stocktake_finish', { id, date, markLost });
export const bookImportPreview = () => invoke('book_import_preview');
export const bookImportCommit = (path) => invoke('book_import_commit', { path });

export const summaryRanges = () => invoke('summary_ranges');
/** The summary as the window draws it: the sections the exports are drawn from (export::View). */
export const summaryView = (from, to, lang) => invoke('summary_view', { from, to, lang });
export const summaryNoteSave = (from, to, section, text) => invoke('summary_note_save', { from, to, section, text });
export const summaryExport = (from, to, format) => invoke('summary_export', { from, to, format });
export const activityPaperExport = (id, paper, format) => invoke('activity_paper_export', { id, paper, format });
export const activityPaperHtml = (id, paper) => invoke('activity_paper_html', { id, paper });
export const binderExport = (from, to, format) => invoke('binder_export', { from, to, format });
/** Calls `handler(percent)` for each export progress event; resolves to a function that stops it. */
export const onExportProgress = (handler) =>
  window.__TAURI__.event.listen('export-progress', (event) => handler(event.payload));
export const dataExport = (attachments) => invoke('data_export', { attachments });
export const dataImport = () => invoke('data_import');

export const honoursList = (query) => invoke('honours_list', { query });
export const honourGet = (id) => invoke('honour_get', { id });
export const honourSave = (id, input) => invoke('honour_save', { id, input });
export const duesScreen = (year) => invoke('dues_screen', { year });
export const duesBaseSave = (id, input) => invoke('dues_base_save', { id, input });
export const duesPaymentSave = (id, input) => invoke('dues_payment_save', { id, input });
export const duesHandoverSave = (id, input) => invoke('dues_handover_save', { id, input });
export const duesImportPreview = () => invoke('dues_import_preview');
export const duesImportCommit = (path) => invoke('dues_import_commit', { path });
export const duesRegisterExport = (year, format) => invoke('dues_register_export', { year, format });
export const appraisalYear = (year) => invoke('appraisal_year', { year });
export const appraisalSave = (id, input) => invoke('appraisal_save', { id, input });
export const appraisalNamesInSummarySet = (on) => invoke('appraisal_names_in_summary_set', { on });
export const admissionOverview = () => invoke('admission_overview');
export const admissionFile = (personId) => invoke('admission_file', { personId });
export const admissionStepPerson = (id) => invoke('admission_step_person', { id });
export const admissionStepSave = (id, input) => invoke('admission_step_save', { id, input });
export const admissionDetailsRow = (stageChangeId) => invoke('admission_details_row', { stageChangeId });
export const admissionNoticeDaysSet = (days) => invoke('admission_notice_days_set', { days });
export const admissionFileExport = (personId, format) => invoke('admission_file_export', { personId, format });
export const duesRulesSave = (id, input) => invoke('dues_rules_save', { id, input });
export const search = (query) => invoke('search', { query });
