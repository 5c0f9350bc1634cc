//! `ledger`: the command-line side of Branch Ledger, working on the same data directory as the app.

use clap::{Parser, Subcommand};
use ledger::backup::{self, BackupOptions};
use ledger::export::{self, AttachmentMode, ExportOptions};
use ledger::{demo, info, paths, search, settings, Lang, Ledger};
use std::fs;
use std::path::PathBuf;
use std::process::ExitCode;

/// `println!` that ends the program quietly, with the status a Unix tool has when its reader goes away
/// (141), instead of a panic and a backtrace: `ledger search 会议 | head -1`.
macro_rules! println {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout(), $($arg)*) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(141);
            }
            panic!("failed printing to stdout: {e}");
        }
    }};
}

#[derive(Parser)]
#[command(
    name = "ledger",
    version,
    about = "Branch Ledger (支部台账) from the command line"
)]
struct Cli {
    /// The data directory (default: $BRANCH_LEDGER_DATA_DIR, portable mode, or the per-user data folder).
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// Language of messages: zh or en.
    #[arg(long, global = true, default_value = "zh")]
    lang: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Show the ledger file, its schema version and how many records of each type it holds.
    Info {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Fill an empty ledger with the demo branch.
    Demo,
    /// Back the ledger up into a folder (e.g. on a USB stick); prints the backup's path.
    Backup {
        /// The folder to write the backup into.
        #[arg(long, value_name = "DIR")]
        to: PathBuf,
        /// Encrypt with the passphrase on the first line of this file (the age format).
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Check a backup file; exits 0 only when it is good.
    Verify {
        file: PathBuf,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Replace the ledger with a backup (the current ledger is kept as a safety copy).
    Restore {
        file: PathBuf,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
        /// Do not ask for confirmation.
        #[arg(long)]
        yes: bool,
    },
    /// Write the whole ledger to one JSON file (docs/export-format.md); prints its path and counts.
    Export {
        /// The JSON file to write.
        #[arg(short, long, value_name = "PATH")]
        output: PathBuf,
        /// Attachments inside the JSON (include) or as files in NAME.attachments/ beside it (reference).
        #[arg(long, value_enum, default_value_t = Attachments::Include)]
        attachments: Attachments,
    },
    /// Read an export back into an empty ledger (all of it or nothing); prints what was imported.
    Import { file: PathBuf },
    /// Search every record type (people, activities, bulletins, suggestions, books, honours, …); all
    /// words must occur. Prints one line per record: type, date, title, text around the match.
    Search {
        /// The words to find (several words: each must occur).
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        /// Print JSON: [{type, id, title, date, snippet, trashed}].
        #[arg(long)]
        json: bool,
        /// Also find records in the trash.
        #[arg(long)]
        trash: bool,
        /// At most this many records of each type (the newest).
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
    },
    /// Write the annual summary (年度工作总结) for a year or a date range; prints the written path.
    /// Formats: docx (Word), pdf, xlsx (Excel), html (printable page), csv (a folder, one file per
    /// table), json (the computed figures, docs/summary-format.md).
    Summary {
        #[command(flatten)]
        range: RangeArgs,
        /// docx, pdf, xlsx, html, csv or json (default: from the output's extension).
        #[arg(long, value_name = "FORMAT")]
        format: Option<String>,
        /// The file to write (for csv: the folder).
        #[arg(short, long, value_name = "PATH")]
        output: PathBuf,
    },
    /// Write the 台账 binder for a year or a date range (a committee term): cover, contents, the
    /// roster, every activity's record page, the bulletin, loan, suggestion and honour registers.
    Binder {
        #[command(flatten)]
        range: RangeArgs,
        /// docx or pdf (default: from the output's extension).
        #[arg(long, value_name = "FORMAT")]
        format: Option<String>,
        #[arg(short, long, value_name = "PATH")]
        output: PathBuf,
    },
    /// Write the party dues register (党费收缴登记表) of a year: xlsx (the month-by-member grid, the
    /// payments, the hand-overs), docx or pdf (each member's year and the reconciliation).
    Dues {
        /// The year, such as 2020.
        #[arg(long, value_name = "YYYY")]
        year: i32,
        /// xlsx, docx or pdf (default: from the output's extension).
        #[arg(long, value_name = "FORMAT")]
        format: Option<String>,
        #[arg(short, long, value_name = "PATH")]
        output: PathBuf,
    },
    /// Write one activity's record page (会议记录).
    Record(PaperArgs),
    /// Write an activity's sign-in sheet (签到表) with the expected attendees.
    Signin(PaperArgs),
}

/// Which activity's paper to write, and where.
#[derive(clap::Args)]
struct PaperArgs {
    /// The activity's number (as `ledger search --json` gives it).
    activity_id: i64,
    /// docx or pdf (default: from the output's extension).
    #[arg(long, value_name = "FORMAT")]
    format: Option<String>,
    #[arg(short, long, value_name = "PATH")]
    output: PathBuf,
}

/// A year, or a range of days (a committee term), as the summary and the binder take it.
#[derive(clap::Args)]
struct RangeArgs {
    /// A calendar year, such as 2019.
    #[arg(long, value_name = "YYYY", conflicts_with_all = ["from", "to"], required_unless_present = "from")]
    year: Option<i32>,
    /// The first day of the range (with --to).
    #[arg(long, value_name = "DATE", requires = "to")]
    from: Option<String>,
    /// The last day of the range (with --from).
    #[arg(long, value_name = "DATE", requires = "from")]
    to: Option<String>,
}

impl RangeArgs {
    fn range(&self) -> ledger::Result<ledger::summary::Range> {
        match (self.year, &self.from, &self.to) {
            (Some(y), _, _) => ledger::summary::year(y),
            (None, Some(f), Some(t)) => ledger::summary::Range::new(f, t),
            _ => unreachable!("clap asks for --year or --from and --to"),
        }
    }
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Attachments {
    Include,
    Reference,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = Lang::parse(&cli.lang).unwrap_or_default();
    match run(cli, lang) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}", e.message(lang));
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli, lang: Lang) -> ledger::Result<()> {
    if let Command::Verify {
        file,
        passphrase_file,
    } = &cli.command
    {
        let pass = read_passphrase(passphrase_file.as_deref())?;
        let (dir, _) = paths::resolve(cli.data_dir);
        fs::create_dir_all(&dir)?;
        return print_verified(&backup::verify(file, pass.as_deref(), &dir)?, lang);
    }
    let (dir, _) = paths::resolve(cli.data_dir);
    // Commands that only read work beside the open app (WAL lets readers in); the others need the lock.
    let mut ledger = match cli.command {
        Command::Info { .. } | Command::Search { .. } | Command::Export { .. } => {
            Ledger::open_dir_to_read(&dir)?
        }
        _ => Ledger::open_dir(&dir)?,
    };
    match cli.command {
        Command::Info { json } => print_info(&ledger, json, lang),
        Command::Demo => {
            demo::load(&mut ledger)?;
            println!("{}", ledger.path().display());
            Ok(())
        }
        Command::Backup {
            to,
            passphrase_file,
        } => {
            let pass = read_passphrase(passphrase_file.as_deref())?;
            let keep = settings::load(ledger.read())?.backup_keep as usize;
            let options = BackupOptions {
                passphrase: pass.as_deref(),
                keep,
                ..Default::default()
            };
            let report = backup::backup(ledger.path(), &to, &options, &mut |_| {})?;
            let folder = to.display().to_string();
            ledger.write(|tx| settings::record_usb_backup(tx, &folder))?;
            println!("{}", report.path);
            Ok(())
        }
        Command::Restore {
            file,
            passphrase_file,
            yes,
        } => {
            let pass = read_passphrase(passphrase_file.as_deref())?;
            let verified = backup::verify(&file, pass.as_deref(), &dir)?;
            print_verified(&verified, lang)?;
            if !yes && !confirm(lang)? {
                eprintln!(
                    "{}",
                    lang.pick(
                        "已取消，台账没有改动。",
                        "Cancelled; the ledger was not changed."
                    )
                );
                return Ok(());
            }
            let mut slot = Some(ledger);
            let restored = backup::restore(&mut slot, &file, pass.as_deref())?;
            println!(
                "{}",
                lang.pick(
                    "已恢复。恢复前的台账保存在：",
                    "Restored. The ledger as it was is kept at:"
                )
            );
            println!("{}", restored.safety_copy);
            Ok(())
        }
        Command::Export {
            output,
            attachments,
        } => {
            let options = ExportOptions {
                attachments: match attachments {
                    Attachments::Include => AttachmentMode::Include,
                    Attachments::Reference => AttachmentMode::Reference,
                },
                ..Default::default()
            };
            let report = export::export_to_path(ledger.read(), &output, &options, &mut |_| {})?;
            println!("{}", report.path);
            if let Some(folder) = &report.attachments_folder {
                println!(
                    "{} ({}): {folder}",
                    lang.pick("附件文件夹", "attachments folder"),
                    report.files
                );
            }
            print_tables(&report.tables);
            Ok(())
        }
        Command::Import { file } => {
            let report = export::import_from_path(&mut ledger, &file, &mut |_| {})?;
            println!(
                "{} {} ({}: {}, {}: {})",
                lang.pick("已导入", "Imported"),
                report.path,
                lang.pick("导出时间", "exported at"),
                report.exported_at,
                lang.pick("程序版本", "app version"),
                report.app_version
            );
            if report.files > 0 {
                println!(
                    "{}: {}",
                    lang.pick("已核对的附件文件", "attachment files checked"),
                    report.files
                );
            }
            print_tables(&report.tables);
            Ok(())
        }
        Command::Search {
            query,
            json,
            trash,
            limit,
        } => {
            let query = search::SearchQuery {
                text: query.join(" "),
                include_trash: trash,
                limit_per_kind: limit,
                ..Default::default()
            };
            print_search(&search::search(ledger.read(), &query, lang)?, json, lang);
            Ok(())
        }
        Command::Summary {
            range,
            format,
            output,
        } => {
            use ledger::summary::{self, export};
            let range = range.range()?;
            let format = match format {
                Some(f) => export::Format::parse(&f)?,
                None => export::Format::parse(
                    &output
                        .extension()
                        .map(|e| e.to_string_lossy().into_owned())
                        .unwrap_or_else(|| "csv".into()),
                )?,
            };
            let computed = summary::compute(ledger.read(), &range)?;
            export::write(&computed, format, &output, lang, &mut |_| {})?;
            println!("{}", output.display());
            Ok(())
        }
        Command::Binder {
            range,
            format,
            output,
        } => {
            let range = range.range()?;
            let doc = ledger::binder::binder(ledger.read(), &range, lang, &mut |_| {})?;
            write_paper(&doc, format.as_deref(), &output)
        }
        Command::Dues {
            year,
            format,
            output,
        } => {
            let today = ledger::settings::reminders_as_of(ledger.read(), ledger::dates::today())?;
            let register = ledger::dues::register::register(ledger.read(), year, today)?;
            let branch = ledger::settings::branch_name(ledger.read())?;
            let format = format.unwrap_or_else(|| {
                output
                    .extension()
                    .map_or("xlsx".into(), |e| e.to_string_lossy().into_owned())
            });
            ledger::dues::sheet::write(&register, &branch, &format, &output, lang, &mut |_| {})?;
            println!("{}", output.display());
            Ok(())
        }
        Command::Record(paper) => {
            let doc = ledger::activities::papers::record(ledger.read(), paper.activity_id, lang)?;
            write_paper(&doc, paper.format.as_deref(), &paper.output)
        }
        Command::Signin(paper) => {
            let doc = ledger::activities::papers::sign_in(ledger.read(), paper.activity_id, lang)?;
            write_paper(&doc, paper.format.as_deref(), &paper.output)
        }
        Command::Verify { .. } => unreachable!("handled above"),
    }
}

/// Writes a paper as `format`, or as the output's extension says (Word when it says nothing).
fn write_paper(
    doc: &ledger::document::Doc,
    format: Option<&str>,
    output: &std::path::Path,
) -> ledger::Result<()> {
    use ledger::document::{self, PaperFormat};
    let format = match format {
        Some(f) => PaperFormat::parse(f)?,
        None => match output.extension().and_then(|e| e.to_str()) {
            Some(ext) if ext.eq_ignore_ascii_case("pdf") => PaperFormat::Pdf,
            _ => PaperFormat::Docx,
        },
    };
    document::write(doc, format, output, &mut |_| {})?;
    println!("{}", output.display());
    Ok(())
}

/// The first line of the passphrase file (so `echo secret > file` works).
fn read_passphrase(file: Option<&std::path::Path>) -> ledger::Result<Option<String>> {
    let Some(file) = file else { return Ok(None) };
    let text = std::fs::read_to_string(file)?;
    let line = text.lines().next().unwrap_or("").to_string();
    if line.is_empty() {
        return Err(ledger::Error::Required {
            field: ledger::Field::Passphrase,
        });
    }
    Ok(Some(line))
}

fn confirm(lang: Lang) -> ledger::Result<bool> {
    eprint!(
        "{}",
        lang.pick(
            "用这个备份替换当前台账？[y/N] ",
            "Replace the current ledger with this backup? [y/N] "
        )
    );
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer)?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes" | "是"))
}

fn print_verified(v: &backup::Verified, lang: Lang) -> ledger::Result<()> {
    let checksum = match v.checksum {
        backup::Checksum::Matched => lang.pick("校验通过（.sha256）", "checksum matches (.sha256)"),
        backup::Checksum::Missing if v.sealed => lang.pick(
            "没有 .sha256 校验文件；备份自带的校验值核对一致",
            "no .sha256 file beside it; the backup's own digest matches",
        ),
        backup::Checksum::Missing => lang.pick(
            "没有 .sha256 校验文件，未核对校验和",
            "no .sha256 file beside it: checksum not checked",
        ),
    };
    println!("{}: {}", lang.pick("备份", "backup"), v.path);
    println!("{}: {}", lang.pick("时间", "made at"), v.made_at);
    println!(
        "{}: {}",
        lang.pick("数据版本", "schema version"),
        v.schema_version
    );
    println!(
        "{}: {}",
        lang.pick("加密", "encrypted"),
        if v.encrypted {
            lang.pick("是", "yes")
        } else {
            lang.pick("否", "no")
        }
    );
    println!("{checksum}");
    for c in &v.counts {
        println!("  {:<16} {:>6}", lang.pick(c.label_zh, c.label_en), c.live);
    }
    println!("{}", lang.pick("备份完好。", "The backup is good."));
    Ok(())
}

fn print_search(results: &search::SearchResults, json: bool, lang: Lang) {
    let hits = results
        .groups
        .iter()
        .flat_map(|g| g.hits.iter().map(move |h| (g, h)));
    if json {
        let list: Vec<serde_json::Value> = hits
            .map(|(_, h)| {
                serde_json::json!({
                    "type": h.kind,
                    "id": h.id,
                    "title": h.title,
                    "date": h.date,
                    "snippet": h.snippet,
                    "trashed": h.trashed,
                })
            })
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&list).expect("hits serialise")
        );
        return;
    }
    if results.total == 0 {
        eprintln!("{}", lang.pick("没有找到。", "Nothing found."));
        return;
    }
    for (group, hit) in hits {
        let trashed = match hit.trashed {
            true => lang.pick("（回收站）", " (in the trash)"),
            false => "",
        };
        println!(
            "{}\t{}\t{}{trashed}\t{}",
            group.label, hit.date, hit.title, hit.snippet
        );
    }
}

fn print_tables(tables: &[export::TableCount]) {
    for t in tables {
        println!("  {:<22} {:>6}", t.table, t.rows);
    }
}

fn print_info(ledger: &Ledger, json: bool, lang: Lang) -> ledger::Result<()> {
    let info = info::info(ledger)?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&info).expect("info serialises")
        );
        return Ok(());
    }
    let zh = lang == Lang::Zh;
    let line = |label_zh: &str, label_en: &str, value: String| {
        println!("{} {value}", padded(lang.pick(label_zh, label_en), 16));
    };
    line("文件：", "file:", info.path.clone());
    line(
        "数据版本：",
        "schema version:",
        info.schema_version.to_string(),
    );
    line(
        "程序版本：",
        "app version:",
        format!("{} ({} licence)", info.app_version, info.licence),
    );
    for c in &info.counts {
        let trash = if zh {
            format!("（回收站 {}）", c.trashed)
        } else {
            format!("({} in trash)", c.trashed)
        };
        println!("{} {:>6}  {trash}", padded(c.label(lang), 20), c.live);
    }
    Ok(())
}

/// `text` followed by spaces to `width` columns of a terminal, where a Chinese character takes two.
fn padded(text: &str, width: usize) -> String {
    let used: usize = text
        .chars()
        .map(|c| if c > '\u{2E80}' { 2 } else { 1 })
        .sum();
    format!("{text}{}", " ".repeat(width.saturating_sub(used)))
}
