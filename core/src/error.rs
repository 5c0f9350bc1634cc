//! One error type for every refusal. Each variant has a stable `code` (for the UI and tests), a field it
//! belongs to (so a form can show it inline) and a message in Chinese and English that tells the
//! secretary what happened and what to do.

pub use crate::codes::Lang;
use crate::codes::Term;
pub use crate::field::Field;
use serde::Serialize;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The problem with a backup target, in the secretary's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetProblem {
    Full,
    ReadOnly,
    Gone,
    NotAFolder,
    Other,
}

impl TargetProblem {
    /// What a failed write says about the place written to.
    pub fn of(kind: std::io::ErrorKind) -> TargetProblem {
        use std::io::ErrorKind as K;
        match kind {
            K::StorageFull | K::QuotaExceeded => TargetProblem::Full,
            K::ReadOnlyFilesystem | K::PermissionDenied => TargetProblem::ReadOnly,
            K::NotFound => TargetProblem::Gone,
            K::NotADirectory => TargetProblem::NotAFolder,
            _ => TargetProblem::Other,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{field:?} is required")]
    Required { field: Field },
    #[error("{field:?} is longer than {max} characters")]
    TooLong { field: Field, max: usize },
    #[error("{field:?} is not a valid date: {value}")]
    BadDate { field: Field, value: String },
    #[error("{field:?} is in the future")]
    FutureDate { field: Field },
    #[error("{field:?} is before {earliest}")]
    TooEarly {
        field: Field,
        earliest: String,
        reason_zh: String,
        reason_en: String,
    },
    #[error("{field:?} has an unknown value: {value}")]
    Unknown { field: Field, value: String },
    #[error("phone number is not valid")]
    BadPhone,
    #[error("the number must be between {min} and {max}")]
    OutOfRange { field: Field, min: i64, max: i64 },
    #[error("stage cannot go from {from:?} to {to:?}")]
    StageOrder { from: Term, to: Term },
    #[error("already at that stage")]
    SameStage,
    #[error("the person has left the branch")]
    HasLeft { name: String },
    #[error("the person is already in the branch")]
    AlreadyIn { name: String },
    #[error("{what} {id} not found")]
    NotFound { what: &'static str, id: i64 },
    #[error("duplicate {field:?}: {value}")]
    Duplicate { field: Field, value: String },
    #[error("{name} is not a full member on {date}")]
    NotFullMember { name: String, date: String },
    #[error("{name} is not in group")]
    NotInGroup { name: String },
    #[error("position {position:?} already taken by {holder}")]
    PositionTaken { position: Term, holder: String },
    #[error("the record is still used: {by_en}")]
    InUse { by_zh: String, by_en: String },
    #[error("the record is not in the trash")]
    NotInTrash,
    #[error("the activity is in the trash")]
    ActivityInTrash,
    #[error("the ledger already holds records")]
    NotEmpty,
    #[error("the ledger is not the demo branch")]
    NotADemo,
    #[error("the ledger is open in another window or on another computer: {path}")]
    Locked { path: String },
    #[error("the ledger was made by a newer version (schema {found}, this app knows {known})")]
    TooNew { found: i64, known: i64 },
    #[error("not a Branch Ledger file: {path}")]
    NotALedger { path: String },
    #[error("backup target {path} unusable: {reason:?}")]
    TargetUnusable { path: String, reason: TargetProblem },
    #[error("{path} is damaged or incomplete")]
    Damaged { path: String },
    #[error("{path} does not match its checksum")]
    ChecksumMismatch { path: String },
    #[error("wrong passphrase")]
    WrongPassphrase,
    /// An encrypted backup asks for more scrypt work than any Branch Ledger or `age` writes.
    #[error("the backup's scrypt work factor {required} is beyond the limit")]
    EncryptionTooHeavy { required: u8 },
    #[error("the backup is encrypted; a passphrase is needed")]
    PassphraseRequired,
    #[error("the passphrases differ")]
    PassphraseMismatch,
    #[error("file of {size} bytes is larger than {max}")]
    TooLarge { size: u64, max: u64 },
    #[error("{name} was not in the branch on {date}")]
    NotInBranch {
        field: Field,
        name: String,
        date: String,
    },
    #[error("{name} is not on the current committee")]
    NotOnCommittee { name: String },
    #[error("the suggestion is already {status}")]
    WrongStatus { status: String },
    #[error("{value} is not a valid ISBN")]
    BadIsbn { value: String },
    #[error("{field:?} holds more than {max} entries")]
    TooMany { field: Field, max: usize },
    #[error("{field:?} is after {latest}")]
    TooLate {
        field: Field,
        latest: String,
        reason_zh: String,
        reason_en: String,
    },
    #[error("copy {label} is on loan to {borrower}")]
    CopyOnLoan { label: String, borrower: String },
    #[error("copy {label} is {state:?}")]
    CopyGone { label: String, state: Term },
    #[error("the loan of {label} ended on {on}")]
    LoanClosed { label: String, on: String },
    #[error("no copy is labelled {label}")]
    NoSuchLabel { label: String },
    #[error("renewed {limit} times already")]
    RenewLimit { limit: i64 },
    #[error("more than one person is called {name}")]
    Ambiguous { name: String },
    #[error("a stocktake begun on {started_on} is under way")]
    StocktakeOpen { started_on: String },
    #[error("the stocktake finished on {finished_on}")]
    StocktakeFinished { finished_on: String },
    #[error("{bad} rows of the file cannot be imported")]
    ImportHasErrors { bad: usize },
    #[error("{name} cannot be read as a spreadsheet")]
    Unreadable { name: String },
    #[error("the file has no column {column}")]
    MissingColumn { column: String },
    #[error("import only into an empty ledger")]
    ImportNotEmpty,
    #[error("{path} is not a Branch Ledger export")]
    NotAnExport { path: String },
    #[error("{path} is damaged or incomplete: {detail}")]
    ExportDamaged { path: String, detail: String },
    #[error("{path}: table {}, row {row}: {reason}", table.1)]
    ImportRefused {
        path: String,
        /// What the secretary calls the table's records, in Chinese and English (人员, people …).
        table: Box<(String, String)>,
        row: usize,
        id: Option<i64>,
        column: Option<String>,
        reason: Box<Error>,
    },
    #[error("should be {expected_en}")]
    BadValue {
        expected_zh: String,
        expected_en: String,
    },
    #[error(
        "the export was made by a newer version (format {format_version}, schema {schema_version})"
    )]
    ExportTooNew {
        format_version: i64,
        schema_version: i64,
        /// What this build reads.
        known_format: i64,
        known_schema: i64,
    },
    #[error("the export was made by an older version (schema {found}, this app writes {current})")]
    ExportTooOld { found: i64, current: i64 },
    #[error("attachment file {path} is missing")]
    AttachmentMissing { path: String },
    #[error("attachment file {path} does not match the export")]
    AttachmentChanged { path: String },
    #[error("the file was not saved in {path}: {reason:?}")]
    NotSaved { path: String, reason: TargetProblem },
    #[error("no Chinese font found for the PDF")]
    NoChineseFont,
    #[error("{field:?}: {value} is not an amount of money")]
    BadAmount { field: Field, value: String },
    #[error("{name} owes no dues to the branch for {month}")]
    NotDue {
        field: Field,
        name: String,
        month: String,
    },
    #[error("{name} paid for {month} on {on}")]
    AlreadyPaid {
        name: String,
        month: String,
        on: String,
    },
    /// A payment other than the amount due, with no note saying why.
    #[error("paid {paid} where {due} is due, with no note")]
    AmountDiffers { due: String, paid: String },
    #[error("the dues rules overlap {name} ({from}–{to})")]
    RulesOverlap {
        name: String,
        from: String,
        to: String,
    },
    #[error("the brackets for {category:?} overlap or leave a gap")]
    BracketsOverlap { category: Term },
    #[error("{name} has no dues base for {month}")]
    NoDuesBase { name: String, month: String },
    #[error("{name} was not a party member of the branch in {year}")]
    NotAMember { name: String, year: i32 },
    /// An admission step taken at the wrong stage or before the steps it follows.
    #[error("{step:?} cannot be recorded yet: {needs_en}")]
    StepOutOfOrder {
        step: Term,
        needs_zh: String,
        needs_en: String,
    },
    /// A rule of the admission procedure (the training's length, two introducers …).
    #[error("{field:?}: {rule_en}")]
    ProcedureRule {
        field: Field,
        rule_zh: String,
        rule_en: String,
    },
    #[error("file error: {0}")]
    Io(#[from] std::io::Error),
    #[error("database error: {0}")]
    Db(#[from] rusqlite::Error),
    #[error("migration error: {0}")]
    Migration(#[from] rusqlite_migration::Error),
}

impl Error {
    /// A stable, machine-readable code; the UI and the tests match on it.
    pub fn code(&self) -> &'static str {
        use Error::*;
        match self {
            Required { .. } => "required",
            TooLong { .. } => "too_long",
            BadDate { .. } => "bad_date",
            FutureDate { .. } => "future_date",
            TooEarly { .. } => "too_early",
            Unknown { .. } => "unknown_value",
            BadPhone => "bad_phone",
            OutOfRange { .. } => "out_of_range",
            StageOrder { .. } => "stage_order",
            SameStage => "same_stage",
            HasLeft { .. } => "has_left",
            AlreadyIn { .. } => "already_in",
            NotFound { .. } => "not_found",
            Duplicate { .. } => "duplicate",
            NotFullMember { .. } => "not_full_member",
            NotInGroup { .. } => "not_in_group",
            PositionTaken { .. } => "position_taken",
            InUse { .. } => "in_use",
            NotInTrash => "not_in_trash",
            ActivityInTrash => "activity_in_trash",
            NotEmpty => "not_empty",
            NotADemo => "not_a_demo",
            Locked { .. } => "locked",
            TooNew { .. } => "too_new",
            NotALedger { .. } => "not_a_ledger",
            TargetUnusable { .. } => "target_unusable",
            NotOnCommittee { .. } => "not_on_committee",
            NotInBranch { .. } => "not_in_branch",
            TooLarge { .. } => "too_large",
            WrongStatus { .. } => "wrong_status",
            Damaged { .. } => "damaged",
            ChecksumMismatch { .. } => "checksum_mismatch",
            WrongPassphrase => "wrong_passphrase",
            EncryptionTooHeavy { .. } => "encryption_too_heavy",
            PassphraseRequired => "passphrase_required",
            PassphraseMismatch => "passphrase_mismatch",
            BadIsbn { .. } => "bad_isbn",
            TooMany { .. } => "too_many",
            TooLate { .. } => "too_late",
            CopyOnLoan { .. } => "copy_on_loan",
            CopyGone { .. } => "copy_gone",
            LoanClosed { .. } => "loan_closed",
            RenewLimit { .. } => "renew_limit",
            NoSuchLabel { .. } => "no_such_label",
            Ambiguous { .. } => "ambiguous",
            StocktakeOpen { .. } => "stocktake_open",
            StocktakeFinished { .. } => "stocktake_finished",
            ImportHasErrors { .. } => "import_has_errors",
            Unreadable { .. } => "unreadable",
            MissingColumn { .. } => "missing_column",
            ImportNotEmpty => "import_not_empty",
            NotAnExport { .. } => "not_an_export",
            ExportDamaged { .. } => "export_damaged",
            ImportRefused { .. } => "import_refused",
            BadValue { .. } => "bad_value",
            ExportTooNew { .. } => "export_too_new",
            ExportTooOld { .. } => "export_too_old",
            AttachmentMissing { .. } => "attachment_missing",
            AttachmentChanged { .. } => "attachment_changed",
            NotSaved { .. } => "not_saved",
            NoChineseFont => "no_chinese_font",
            BadAmount { .. } => "bad_amount",
            NotDue { .. } => "not_due",
            AlreadyPaid { .. } => "already_paid",
            AmountDiffers { .. } => "amount_differs",
            RulesOverlap { .. } => "rules_overlap",
            BracketsOverlap { .. } => "brackets_overlap",
            NoDuesBase { .. } => "no_dues_base",
            NotAMember { .. } => "not_a_member",
            StepOutOfOrder { .. } => "step_out_of_order",
            ProcedureRule { .. } => "procedure_rule",
            Io(_) => "io",
            Db(_) => "database",
            Migration(_) => "migration",
        }
    }

    /// The form field the error belongs to, if any.
    pub fn field(&self) -> Option<Field> {
        use Error::*;
        match self {
            Required { field }
            | TooLong { field, .. }
            | BadDate { field, .. }
            | FutureDate { field }
            | TooEarly { field, .. }
            | Unknown { field, .. }
            | OutOfRange { field, .. }
            | Duplicate { field, .. }
            | NotInBranch { field, .. }
            | TooMany { field, .. }
            | TooLate { field, .. }
            | BadAmount { field, .. }
            | NotDue { field, .. }
            | ProcedureRule { field, .. } => Some(*field),
            StepOutOfOrder { .. } => Some(Field::Step),
            AlreadyPaid { .. } | NoDuesBase { .. } => Some(Field::FirstMonth),
            AmountDiffers { .. } => Some(Field::Notes),
            NotAMember { .. } => Some(Field::Person),
            RulesOverlap { .. } => Some(Field::ValidFrom),
            BracketsOverlap { .. } => Some(Field::Bracket),
            BadIsbn { .. } => Some(Field::Isbn),
            RenewLimit { .. } => Some(Field::DueOn),
            Ambiguous { .. } => Some(Field::Borrower),
            CopyOnLoan { .. } | CopyGone { .. } | NoSuchLabel { .. } => Some(Field::Label),
            BadPhone => Some(Field::Phone),
            StageOrder { .. } | SameStage => Some(Field::Stage),
            NotFullMember { .. } | PositionTaken { .. } => Some(Field::Person),
            NotInGroup { .. } => Some(Field::Leader),
            WrongPassphrase | PassphraseRequired => Some(Field::Passphrase),
            NotOnCommittee { .. } => Some(Field::Assignee),
            PassphraseMismatch => Some(Field::PassphraseAgain),
            _ => None,
        }
    }

    /// The whole sentence shown to the secretary.
    pub fn message(&self, lang: Lang) -> String {
        use Error::*;
        let zh = lang == Lang::Zh;
        let f = |field: &Field| field.label(lang);
        match self {
            Required { field } if zh => format!("请填写{}。", f(field)),
            Required { field } => format!("Please fill in {}.", f(field).to_lowercase()),
            TooLong { field, max } if zh => format!("{}太长了，最多 {max} 个字，请删减后再保存。", f(field)),
            TooLong { field, max } => format!("{} is too long: at most {max} characters. Please shorten it.", f(field)),
            BadDate { field, value } if zh => format!("{}「{}」不是有效日期，请按 2020-09-18 的格式填写。", f(field), shortened(value)),
            BadDate { field, value } => format!("{} \"{}\" is not a real date. Please write it like 2020-09-18.", f(field), shortened(value)),
            FutureDate { field } if zh => format!("{}不能晚于今天，请检查后再保存。", f(field)),
            FutureDate { field } => format!("{} cannot be later than today. Please check it.", f(field)),
            TooEarly { field, earliest, reason_zh, .. } if zh => format!("{}不能早于 {earliest}（{reason_zh}），请改正日期。", f(field)),
            TooEarly { field, earliest, reason_en, .. } => format!("{} cannot be before {earliest} ({reason_en}). Please correct the date.", f(field)),
            Unknown { field, value } if zh => format!("{}「{value}」不在可选范围内，请从列表中选择。", f(field)),
            Unknown { field, value } => format!("{} \"{value}\" is not one of the choices. Please pick one from the list.", f(field)),
            BadPhone if zh => "电话号码只能包含数字、空格、+ 和 -，最多 20 位，请检查。".into(),
            BadPhone => "A phone number may hold only digits, spaces, + and -, at most 20. Please check it.".into(),
            OutOfRange { field, min, max } if zh => format!("{}须在 {min} 到 {max} 之间。", f(field)),
            OutOfRange { field, min, max } => format!("{} must be between {min} and {max}.", f(field)),
            StageOrder { from, to } if zh => format!(
                "身份不能从「{}」直接变为「{}」：发展程序须依次推进（入党申请人→入党积极分子→发展对象→预备党员→正式党员），任何时候都可改为群众。",
                from.label(lang), to.label(lang)),
            StageOrder { from, to } => format!(
                "The stage cannot go from {} straight to {}: admission goes step by step (applicant → activist → candidate → probationary → full); anyone may become a non-member.",
                from.label(lang), to.label(lang)),
            SameStage if zh => "此人当前已是该身份，请选择新的身份。".into(),
            SameStage => "This person already has that stage. Please choose a new one.".into(),
            HasLeft { name } if zh => format!("{name}已转出本支部，请先办理转入再变更身份。"),
            HasLeft { name } => format!("{name} has left the branch. Record a transfer in first."),
            AlreadyIn { name } if zh => format!("{name}目前在本支部，不需要办理转入。"),
            AlreadyIn { name } => format!("{name} is already in the branch; no transfer in is needed."),
            NotFound { .. } if zh => "找不到这条记录，它可能已被删除。请刷新后再试。".into(),
            NotFound { .. } => "This record could not be found; it may have been deleted. Please refresh and try again.".into(),
            Duplicate { field, value } if zh => format!("{}「{value}」已经存在，请换一个。", f(field)),
            Duplicate { field, value } => format!("{} \"{value}\" already exists. Please choose another.", f(field)),
            NotFullMember { name, date } if zh => format!("{name}在 {date} 还不是本支部的正式党员，不能担任支委。"),
            NotFullMember { name, date } => format!("{name} was not a full member of the branch on {date}, so cannot sit on the committee."),
            NotInGroup { name } if zh => format!("{name}不在本小组，请先把他/她分到本小组再设为组长。"),
            NotInGroup { name } => format!("{name} is not in this group. Put them in the group first, then make them leader."),
            PositionTaken { position, holder } if zh => format!("本届{}已由{holder}担任，请先撤下再任命。", position.label(lang)),
            PositionTaken { position, holder } => format!("{holder} already holds the post of {} in this term. Remove them first.", position.label(lang)),
            InUse { by_zh, .. } if zh => format!("这条记录还在使用中：{by_zh}。请先解除这些关联。"),
            InUse { by_en, .. } => format!("This record is still in use: {by_en}. Remove those links first."),
            NotInTrash if zh => "只能彻底删除回收站里的记录，请先移到回收站。".into(),
            NotInTrash => "Only records in the trash can be deleted for good. Move it to the trash first.".into(),
            ActivityInTrash if zh => "这条活动记录在回收站里，不能打印或导出。请先在「回收站」中恢复它。".into(),
            ActivityInTrash => "This activity is in the trash, so it cannot be printed or exported. Restore it from the Trash first.".into(),
            NotEmpty if zh => "台账里已经有记录，示例支部只能载入到空白台账。".into(),
            NotEmpty => "The ledger already holds records; the demo branch can only be loaded into an empty ledger.".into(),
            NotADemo if zh => "这本台账不是示例支部，不能清空。只有载入的示例台账才能用“清空示例，开始使用”。".into(),
            NotADemo => "This ledger is not the demo branch, so it cannot be cleared. Only a ledger holding the demo can be cleared to start afresh.".into(),
            Locked { path } if zh => format!("台账 {path} 正在被另一个窗口或另一台电脑使用。请先关闭那边的支部台账，再重新打开。"),
            Locked { path } => format!("The ledger {path} is open in another window or on another computer. Close Branch Ledger there, then open it again."),
            TooNew { found, known } if zh => format!("这个台账由更新版本的支部台账创建（数据版本 {found}，本程序只认识到 {known}）。请安装最新版本后再打开，台账未做任何改动。"),
            TooNew { found, known } => format!("This ledger was made by a newer Branch Ledger (data version {found}; this one knows up to {known}). Install the latest version to open it; nothing was changed."),
            NotALedger { path } if zh => format!("{path} 不是支部台账文件，未做任何改动。请选择正确的文件或文件夹。"),
            NotALedger { path } => format!("{path} is not a Branch Ledger file; nothing was changed. Please choose the right file or folder."),
            TargetUnusable { path, reason } => target_message(path, *reason, lang),
            TooLarge { size, max } if zh => format!(
                "文件有 {:.1} MB，超过了 {} MB 的上限。请压缩或缩小后再添加。",
                *size as f64 / 1048576.0,
                max / 1048576
            ),
            TooLarge { size, max } => format!(
                "The file is {:.1} MB, over the {} MB limit. Compress or shrink it, then add it again.",
                *size as f64 / 1048576.0,
                max / 1048576
            ),
            NotInBranch { name, date, .. } if zh => format!("{name}在 {date} 不在本支部（尚未记入台账或已转出），不能列入这次活动。请核对日期或人员。"),
            NotInBranch { name, date, .. } => format!("{name} was not in the branch on {date} (not yet on the roster, or transferred out), so cannot be listed for this activity. Check the date or the person."),
            NotOnCommittee { name } if zh => format!("{name}不是本届支委，意见须交给一位支委负责办理。"),
            NotOnCommittee { name } => format!("{name} is not on the current committee; a suggestion goes to a committee member."),
            WrongStatus { status } if zh => format!("这条意见当前为「{status}」，不能这样处理。请刷新后再试。"),
            WrongStatus { status } => format!("This suggestion is \"{status}\" now and cannot be handled that way. Please refresh and try again."),
            Damaged { path } if zh => format!("{path} 已损坏或不完整，不能使用。请换一个备份文件；如果是刚做的备份，请换一个U盘重新备份。"),
            Damaged { path } => format!("{path} is damaged or incomplete and cannot be used. Choose another backup; if it was just made, back up again to another USB stick."),
            ChecksumMismatch { path } if zh => format!("{path} 与它的校验文件（.sha256）不一致，说明文件已被改动或损坏，不能使用。请换一个备份文件。"),
            ChecksumMismatch { path } => format!("{path} does not match its checksum file (.sha256): it has been changed or damaged. Choose another backup."),
            WrongPassphrase if zh => "密码不对，无法解密这个备份。请检查大小写后重新输入。".into(),
            WrongPassphrase => "The passphrase is wrong, so the backup cannot be decrypted. Check upper and lower case and try again.".into(),
            EncryptionTooHeavy { required } if zh => format!("这个备份的加密强度（scrypt {required}）超出了支部台账能打开的范围，它不是支部台账或 age 工具按常规设置做的备份。请换一份备份恢复。"),
            EncryptionTooHeavy { required } => format!("This backup's encryption strength (scrypt {required}) is beyond what Branch Ledger opens; it was not made by Branch Ledger or the age tool with usual settings. Restore another backup."),
            PassphraseRequired if zh => "这个备份已加密，请输入备份时设置的密码。".into(),
            PassphraseRequired => "This backup is encrypted. Enter the passphrase it was made with.".into(),
            PassphraseMismatch if zh => "两次输入的密码不一致，请重新输入。".into(),
            PassphraseMismatch => "The two passphrases differ. Please type them again.".into(),
            BadIsbn { value } if zh => format!("ISBN「{value}」不正确（校验位不符或位数不对）。请对照书背面的条码重新输入；没有 ISBN 的书可以留空。"),
            BadIsbn { value } => format!("ISBN \"{value}\" is not valid (wrong length or check digit). Copy it again from the barcode on the back; leave it empty for a book without one."),
            TooMany { field, max } if zh => format!("{}最多 {max} 个，请删去一些。", f(field)),
            TooMany { field, max } => format!("{} can hold at most {max} entries. Please remove some.", f(field)),
            TooLate { field, latest, reason_zh, .. } if zh => format!("{}不能晚于 {latest}（{reason_zh}），请改正日期。", f(field)),
            TooLate { field, latest, reason_en, .. } => format!("{} cannot be after {latest} ({reason_en}). Please correct the date.", f(field)),
            CopyOnLoan { label, borrower } if zh => format!("编号 {label} 的这本书已借给{borrower}，还没有归还，不能再借出。请先登记归还，或选择另一本。"),
            CopyOnLoan { label, borrower } => format!("Copy {label} is on loan to {borrower} and has not come back, so it cannot be lent again. Record its return first, or choose another copy."),
            CopyGone { label, state } if zh => format!("编号 {label} 的这本书已登记为「{}」，不能借出。如果书找到了，请先把它改回「在架」。", state.label(lang)),
            CopyGone { label, state } => format!("Copy {label} is recorded as {}, so it cannot be lent. If it has turned up, put it back on the shelf first.", state.label(lang)),
            LoanClosed { label, on } if zh => format!("编号 {label} 的这次借阅已在 {on} 结束，不能再办理。请刷新后再试。"),
            LoanClosed { label, on } => format!("This loan of copy {label} already ended on {on}. Please refresh and try again."),
            NoSuchLabel { label } if zh => format!("没有编号为「{label}」的图书。请核对书上的编号；如果是新书，请先在书目里登记。"),
            NoSuchLabel { label } => format!("No copy is labelled \"{label}\". Check the label on the book; if it is new, record it in the catalogue first."),
            RenewLimit { limit } if zh => format!("这本书已经续借 {limit} 次，达到上限，不能再续借。请先归还，再重新借出。"),
            RenewLimit { limit } => format!("This loan has been renewed {limit} times, the limit. Return the book, then lend it again."),
            Ambiguous { name } if zh => format!("花名册里有不止一位「{name}」，请从名单中选择借阅人。"),
            Ambiguous { name } => format!("More than one person on the roster is called {name}. Please pick the borrower from the list."),
            StocktakeOpen { started_on } if zh => format!("{started_on} 开始的盘点还没有结束，请先完成那次盘点。"),
            StocktakeOpen { started_on } => format!("The stocktake begun on {started_on} is still under way. Finish it first."),
            StocktakeFinished { finished_on } if zh => format!("这次盘点已在 {finished_on} 结束，请开始新的盘点。"),
            StocktakeFinished { finished_on } => format!("This stocktake finished on {finished_on}. Start a new one."),
            ImportHasErrors { bad } if zh => format!("表格中有 {bad} 行有问题，什么都没有导入。请按预览中标出的原因在表格里改正后重新导入。"),
            ImportHasErrors { bad } => format!("{bad} rows of the file have problems, so nothing was imported. Correct them in the spreadsheet as the preview shows, then import again."),
            Unreadable { name } if zh => format!("{name} 无法读取为表格。请在 Excel 或 WPS 中把它另存为 .xlsx 或 .csv 后再导入。"),
            Unreadable { name } => format!("{name} cannot be read as a spreadsheet. Save it as .xlsx or .csv in Excel or WPS, then import it again."),
            MissingColumn { column } if zh => format!("表格第一行里找不到「{column}」这一列。请在第一行写上列名（书名、作者、出版社、出版年份、ISBN 等）后再导入。"),
            MissingColumn { column } => format!("The first row of the file has no \"{column}\" column. Put the column names (title, authors, publisher, year, ISBN …) in the first row, then import again."),
            ImportNotEmpty if zh => "台账里已经有记录，只能导入到空白台账，什么都没有导入。请换一个新的数据文件夹（空白台账）后再导入。".into(),
            ImportNotEmpty => "The ledger already holds records; an export can only be imported into an empty ledger. Nothing was imported. Choose a new data folder (an empty ledger), then import again.".into(),
            NotAnExport { path } if zh => format!("{path} 不是支部台账的导出文件，什么都没有导入。请选择用「导出全部数据」（ledger export）生成的 .json 文件。"),
            NotAnExport { path } => format!("{path} is not a Branch Ledger export; nothing was imported. Choose the .json file made by \"Export all data\" (ledger export)."),
            ExportDamaged { path, detail } if zh => format!("导出文件 {path} 已损坏或不完整（{detail}），什么都没有导入。请从原来的台账重新导出。"),
            ExportDamaged { path, detail } => format!("The export {path} is damaged or incomplete ({detail}); nothing was imported. Export again from the original ledger."),
            ImportRefused { path, table, row, id, column, reason } if zh => format!(
                "导出文件 {path} 中「{}」的第 {row} 条记录{}{}不合台账的规则：{}什么都没有导入。请在原来的台账里改正这条记录，重新导出后再导入。",
                lang.pick(&table.0, &table.1),
                id.map_or(String::new(), |id| format!("（编号 {id}）")),
                column.as_ref().map_or(String::new(), |c| format!("的「{c}」栏")),
                reason.message(lang)),
            ImportRefused { path, table, row, id, column, reason } => format!(
                "In the export {path}, record {row} of {}{}{} breaks the ledger's rules: {} Nothing was imported. Correct that record in the original ledger, export again and import that.",
                lang.pick(&table.0, &table.1),
                id.map_or(String::new(), |id| format!(" (id {id})")),
                column.as_ref().map_or(String::new(), |c| format!(", column \"{c}\"")),
                reason.message(lang)),
            BadValue { expected_zh, .. } if zh => format!("这里应当是{expected_zh}。"),
            BadValue { expected_en, .. } => format!("This should be {expected_en}."),
            ExportTooNew { format_version, schema_version, known_format, known_schema } if zh => format!(
                "这个导出文件由更新版本的支部台账生成（格式版本 {format_version}，数据版本 {schema_version}；本程序只认识格式版本 {}、数据版本 {}）。请安装最新版本后再导入，台账未做任何改动。",
                known_format, known_schema),
            ExportTooNew { format_version, schema_version, known_format, known_schema } => format!(
                "This export was made by a newer Branch Ledger (format version {format_version}, data version {schema_version}; this one knows format version {} and data version {}). Install the latest version to import it; nothing was changed.",
                known_format, known_schema),
            ExportTooOld { found, current } if zh => format!("这个导出文件来自较早版本的支部台账（数据版本 {found}，本程序为 {current}），不能直接导入，台账未做任何改动。请用本版本打开原来的台账（会自动升级），重新导出后再导入。"),
            ExportTooOld { found, current } => format!("This export comes from an older Branch Ledger (data version {found}; this one is {current}) and cannot be imported as it is; nothing was changed. Open the original ledger with this version (it is upgraded on opening), export it again with the same version, then import that."),
            AttachmentMissing { path } if zh => format!("找不到附件文件 {path}，什么都没有导入。导出时附件存放在 .json 文件旁边的「.attachments」文件夹里，请把这个文件夹和 .json 文件一起复制过来。"),
            AttachmentMissing { path } => format!("The attachment file {path} is missing; nothing was imported. An export keeps its attachments in the \".attachments\" folder beside the .json file: copy that folder along with it."),
            AttachmentChanged { path } if zh => format!("附件文件 {path} 与导出时不一致（已被改动或损坏），什么都没有导入。请从原来的台账重新导出。"),
            AttachmentChanged { path } => format!("The attachment file {path} is not the one exported (it was changed or damaged); nothing was imported. Export again from the original ledger."),
            NotSaved { path, reason } => saved_message(path, *reason, lang),
            NoChineseFont if zh => "这台电脑上找不到中文字体，无法生成 PDF。请安装宋体、黑体或思源宋体（Noto Serif CJK）后再试，或改为导出 Word 文件。".into(),
            NoChineseFont => "This computer has no Chinese font, so the PDF cannot be made. Install SimSun, SimHei or Noto Serif CJK and try again, or export a Word file instead.".into(),
            BadAmount { field, value } if zh => format!("{}「{}」不是有效金额。请填写不小于 0 的数目（元），最多两位小数，如 12.50。", f(field), shortened(value)),
            BadAmount { field, value } => format!("{} \"{}\" is not an amount. Write a number of yuan, not below 0, with at most two decimals, like 12.50.", f(field), shortened(value)),
            NotDue { name, month, .. } if zh => format!("{name}在 {month} 不是本支部的党员（尚未入党、尚未转入或已转出），这个月不在本支部交纳党费。请核对月份。"),
            NotDue { name, month, .. } => format!("{name} was not a party member of this branch in {month} (not yet admitted, not yet transferred in, or transferred out), so owes the branch no dues for that month. Check the months."),
            AlreadyPaid { name, month, on } if zh => format!("{name} {month} 的党费已在 {on} 登记缴纳，不能重复登记。如需补缴差额，请修改那一笔缴费并在备注中写明。"),
            AlreadyPaid { name, month, on } => format!("{name}'s dues for {month} were recorded as paid on {on}; a month cannot be paid twice. To add a difference, edit that payment and say why in its notes."),
            AmountDiffers { due, paid } if zh => format!("应缴 {due} 元，实缴 {paid} 元，两者不同。台账按实缴金额如实记录：请在备注中写明原因（如按新基数缴纳、补缴差额）。"),
            AmountDiffers { due, paid } => format!("{due} yuan is due and {paid} yuan was paid. The ledger keeps the amount actually paid: say why in the notes (a new base, a difference made up …)."),
            RulesOverlap { name, from, to } if zh => format!("执行月份与「{name}」（{from} 至 {to}）重叠。同一个月只能适用一套党费标准：请先给那一套填写截止月份，或改正起始月份。"),
            RulesOverlap { name, from, to } => format!("The months overlap \"{name}\" ({from} to {to}). One month follows one set of dues rules: give that set a last month first, or correct the first month."),
            BracketsOverlap { category } if zh => format!("「{}」的分档有重叠或空档：每一档须从上一档的上限开始，第一档从 0 开始，最后一档不设上限。", category.label(lang)),
            BracketsOverlap { category } => format!("The brackets for \"{}\" overlap or leave a gap: each must start where the one before ends, the first at 0, and the last has no upper limit.", category.label(lang)),
            NoDuesBase { name, month } if zh => format!("{name}在 {month} 还没有登记党费基数，无法计算应缴金额。请先在「党费」里为他/她登记基数。"),
            StepOutOfOrder { step, needs_zh, .. } if zh => format!("现在还不能记录「{}」：{needs_zh}。请按发展党员的程序依次记录。", step.zh),
            StepOutOfOrder { step, needs_en, .. } => format!("\"{}\" cannot be recorded yet: {needs_en}. Record the steps in the procedure's order.", step.en),
            ProcedureRule { rule_zh, .. } if zh => format!("{rule_zh}。"),
            ProcedureRule { rule_en, .. } => format!("{}{}.", rule_en[..1].to_uppercase(), &rule_en[1..]),
            NotAMember { name, year } if zh => format!("{name}在 {year} 年底不是本支部的党员（尚未入党或已转出），不参加本支部 {year} 年度的民主评议党员。请核对年度或人员。"),
            NotAMember { name, year } => format!("{name} was not a party member of the branch at the end of {year} (not yet admitted, or transferred out), so is not appraised by it for {year}. Check the year or the person."),
            NoDuesBase { name, month } => format!("{name} has no dues base for {month}, so the amount due cannot be worked out. Record their base first under Party dues."),
            Io(e) if zh => format!("读写文件时出错：{e}。请检查磁盘空间和文件夹权限后重试。"),
            Io(e) => format!("A file could not be read or written: {e}. Check the disk space and folder permissions, then try again."),
            Db(e) if zh => format!("数据库出错：{e}。请重试；如果反复出现，请用备份恢复。"),
            Db(e) => format!("Database error: {e}. Try again; if it keeps happening, restore from a backup."),
            Migration(e) if zh => format!("升级台账数据时出错：{e}。原文件已保留安全副本，请联系维护人员。"),
            Migration(e) => format!("Upgrading the ledger failed: {e}. A safety copy of the file was kept; please ask for help."),
        }
    }
}

fn saved_message(path: &str, reason: TargetProblem, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    match reason {
        TargetProblem::Full if zh => format!("{path} 空间不足，文件没有保存。请删除不需要的文件或换一个位置后重试。"),
        TargetProblem::Full => format!("{path} is full; the file was not saved. Free some space or choose another place, then try again."),
        TargetProblem::ReadOnly if zh => format!("{path} 不能写入（可能是只读或写保护），文件没有保存。请换一个文件夹后重试。"),
        TargetProblem::ReadOnly => format!("{path} cannot be written (read-only or write-protected); the file was not saved. Choose another folder, then try again."),
        TargetProblem::Gone if zh => format!("{path} 找不到了（U盘可能已拔出），文件没有保存。请重新插好U盘或换一个位置后重试。"),
        TargetProblem::Gone => format!("{path} is gone (the USB stick may have been removed); the file was not saved. Plug it back in or choose another place, then try again."),
        TargetProblem::NotAFolder if zh => format!("{path} 不是文件夹，文件没有保存。请换一个位置后重试。"),
        TargetProblem::NotAFolder => format!("{path} is not a folder; the file was not saved. Choose another place, then try again."),
        TargetProblem::Other if zh => format!("写入 {path} 时出错，文件没有保存。请换一个文件夹后重试。"),
        TargetProblem::Other => format!("Writing to {path} failed; the file was not saved. Choose another folder, then try again."),
    }
}

fn target_message(path: &str, reason: TargetProblem, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    match reason {
        TargetProblem::Full if zh => format!("{path} 空间不足，备份没有完成，之前的备份都还在。请删除U盘上不需要的文件或换一个U盘后重试。"),
        TargetProblem::Full => format!("{path} is full; the backup was not made and earlier backups are untouched. Free some space or use another USB stick, then try again."),
        TargetProblem::ReadOnly if zh => format!("{path} 不能写入（可能是只读或写保护），备份没有完成。请打开U盘的写保护开关或换一个文件夹后重试。"),
        TargetProblem::ReadOnly => format!("{path} cannot be written (read-only or write-protected); the backup was not made. Unlock the USB stick or choose another folder, then try again."),
        TargetProblem::Gone if zh => format!("{path} 找不到了（U盘可能已拔出），备份没有完成。请重新插好U盘后重试。"),
        TargetProblem::Gone => format!("{path} is gone (the USB stick may have been removed); the backup was not made. Plug it back in and try again."),
        TargetProblem::NotAFolder if zh => format!("{path} 不是文件夹，请选择一个文件夹作为备份位置。"),
        TargetProblem::NotAFolder => format!("{path} is not a folder. Please choose a folder to back up into."),
        TargetProblem::Other if zh => format!("写入 {path} 时出错，备份没有完成，之前的备份都还在。请换一个U盘或文件夹后重试。"),
        TargetProblem::Other => format!("Writing to {path} failed; the backup was not made and earlier backups are untouched. Try another USB stick or folder."),
    }
}

/// A value from a file, cut short for a message (an imported "date" may be megabytes long).
fn shortened(value: &str) -> String {
    const SHOWN: usize = 30;
    match value.char_indices().nth(SHOWN) {
        Some((at, _)) => format!("{}…", &value[..at]),
        None => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    /// The codes the window, the command line and scripts rely on: one per refusal, and changed only
    /// on purpose, here.
    const PINNED: [&str; 74] = [
        "required",
        "too_long",
        "bad_date",
        "future_date",
        "too_early",
        "unknown_value",
        "bad_phone",
        "out_of_range",
        "stage_order",
        "same_stage",
        "has_left",
        "already_in",
        "not_found",
        "duplicate",
        "not_full_member",
        "not_in_group",
        "position_taken",
        "in_use",
        "not_in_trash",
        "activity_in_trash",
        "not_empty",
        "not_a_demo",
        "locked",
        "too_new",
        "not_a_ledger",
        "target_unusable",
        "not_on_committee",
        "not_in_branch",
        "too_large",
        "wrong_status",
        "damaged",
        "checksum_mismatch",
        "wrong_passphrase",
        "encryption_too_heavy",
        "passphrase_required",
        "passphrase_mismatch",
        "bad_isbn",
        "too_many",
        "too_late",
        "copy_on_loan",
        "copy_gone",
        "loan_closed",
        "renew_limit",
        "no_such_label",
        "ambiguous",
        "stocktake_open",
        "stocktake_finished",
        "import_has_errors",
        "unreadable",
        "missing_column",
        "import_not_empty",
        "not_an_export",
        "export_damaged",
        "import_refused",
        "bad_value",
        "export_too_new",
        "export_too_old",
        "attachment_missing",
        "attachment_changed",
        "not_saved",
        "no_chinese_font",
        "bad_amount",
        "not_due",
        "already_paid",
        "amount_differs",
        "rules_overlap",
        "brackets_overlap",
        "no_dues_base",
        "not_a_member",
        "step_out_of_order",
        "procedure_rule",
        "io",
        "database",
        "migration",
    ];

    #[test]
    fn every_error_code_is_unique_and_pinned() {
        let source = include_str!("error.rs");
        let start = source.find("pub fn code(&self)").expect("Error::code");
        let end = start + source[start..].find("\n    }\n").expect("its end");
        let codes: Vec<&str> = source[start..end]
            .split("=> \"")
            .skip(1)
            .map(|s| &s[..s.find('"').expect("a closing quote")])
            .collect();
        let unique: BTreeSet<&&str> = codes.iter().collect();
        assert_eq!(unique.len(), codes.len(), "a code is used twice: {codes:?}");
        assert_eq!(codes, PINNED);
    }
}
