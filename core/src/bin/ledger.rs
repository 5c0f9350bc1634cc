//! `ledger`: the command-line side of Branch Ledger, working on the same data directory as the app.

use clap::{Parser, Subcommand};
use ledger::{demo, info, paths, Lang, Ledger};
use std::path::PathBuf;
use std::process::ExitCode;

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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = Lang::parse(&cli.lang).unwrap_or_default();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}", e.message(lang));
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> ledger::Result<()> {
    let (dir, _) = paths::resolve(cli.data_dir);
    let mut ledger = Ledger::open_dir(&dir)?;
    match cli.command {
        Command::Info { json } => print_info(&ledger, json),
        Command::Demo => {
            demo::load(&mut ledger)?;
            println!("{}", ledger.path().display());
            Ok(())
        }
    }
}

fn print_info(ledger: &Ledger, json: bool) -> ledger::Result<()> {
    let info = info::info(ledger)?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&info).expect("info serialises")
        );
        return Ok(());
    }
    println!("file:            {}", info.path);
    println!("schema version:  {}", info.schema_version);
    for c in &info.counts {
        println!("{:<20} {:>6}  ({} in trash)", c.label_en, c.live, c.trashed);
    }
    Ok(())
}
