//! `grow-ledger --data-dir DIR --scale N`: an empty ledger filled with the demo branch and grown to about
//! 200·N people, 5,000·N activities, 10,000·N loans, 2,000·N bulletin issues and 2,000·N suggestions,
//! for benchmarks and for trying the app on many years of records. Prints the file and the counts.
use clap::Parser;
use ledger::{demo, Ledger};
use ledger_tools::grow;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(Parser)]
#[command(name = "grow-ledger", version)]
struct Args {
    /// The data folder (it must hold no ledger yet, or an empty one).
    #[arg(long, value_name = "DIR")]
    data_dir: PathBuf,
    /// How many times the demo branch (1: the demo as it is).
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..))]
    scale: u32,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}", e.message(ledger::Lang::En));
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> ledger::Result<()> {
    let mut ledger = Ledger::open_dir(&args.data_dir)?;
    demo::load(&mut ledger)?;
    let started = Instant::now();
    let mut step_started = Instant::now();
    let counts = grow::grow(&mut ledger, args.scale, &mut |step, done, total| {
        eprint!("\r{step}: {done}/{total}        ");
        if done == total {
            eprintln!("({:.1} s)", step_started.elapsed().as_secs_f64());
            step_started = Instant::now();
        }
    })?;
    ledger
        .read()
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    println!("{}", ledger.path().display());
    for t in &counts.tables {
        println!("  {:<22} {:>8} (+{})", t.table, t.total, t.added);
    }
    let bytes = std::fs::metadata(ledger.path()).map_or(0, |m| m.len());
    eprintln!(
        "{} rows in {:.1} s, {:.1} MB",
        counts.rows_added(),
        started.elapsed().as_secs_f64(),
        bytes as f64 / 1_048_576.0
    );
    Ok(())
}
