//! The papers' cost, measured in one run and printed as ratios (never as timed tests):
//!
//! - (a) the demo's 2019 binder as PDF ÷ the demo's 2019 summary as PDF, per page: the binder holds
//!   far more (every meeting's record page), but a page of it should cost no more than a page of
//!   the summary (goal ≤ 1.0);
//! - (b) the 2019 binder at scale N (the demo grown by `grow-ledger`, default N = 10) ÷ at scale 1,
//!   against the growth of its page count: time may grow only as fast as the pages (goal ≤ 1.0);
//! - the same for Word, for comparison.
//!
//! Each time is the best of three, from the ledger to the file written (building the paper, laying
//! it out, writing it). `BENCH_SCALE=10 cargo bench -p ledger-tools --bench papers`

use ledger::document::{self, Doc, PaperFormat};
use ledger::summary::{self, export};
use ledger::{binder, demo, Lang, Ledger};
use ledger_tools::grow;
use std::time::{Duration, Instant};

fn best_of_three(mut work: impl FnMut()) -> Duration {
    (0..3)
        .map(|_| {
            let started = Instant::now();
            work();
            started.elapsed()
        })
        .min()
        .expect("three runs")
}

fn binder_2019(ledger: &Ledger) -> Doc {
    let range = summary::year(2019).expect("a year");
    binder::binder(ledger.read(), &range, Lang::Zh, &mut |_| {}).expect("the binder")
}

/// The binder of 2019 written as `format`: (time, pages).
fn binder_time(ledger: &Ledger, format: PaperFormat) -> (Duration, usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(format!("b.{}", format.code()));
    let time = best_of_three(|| {
        let doc = binder_2019(ledger);
        document::write(&doc, format, &path, &mut |_| {}).expect("the binder is written");
    });
    let pages = document::page_count(&binder_2019(ledger)).expect("its pages");
    (time, pages)
}

/// The summary of 2019 written as PDF: (time, pages).
fn summary_time(ledger: &Ledger) -> (Duration, usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("s.pdf");
    let range = summary::year(2019).expect("a year");
    let time = best_of_three(|| {
        let s = summary::compute(ledger.read(), &range).expect("the summary");
        export::write(&s, export::Format::Pdf, &path, Lang::Zh, &mut |_| {}).expect("written");
    });
    // The PDF's streams are compressed, so its pages are counted from its layout.
    let s = summary::compute(ledger.read(), &range).expect("the summary");
    let pages = export::paper(&s, Lang::Zh)
        .and_then(|doc| document::page_count(&doc))
        .expect("its pages");
    (time, pages)
}

fn per_page(t: Duration, pages: usize) -> f64 {
    t.as_secs_f64() / pages.max(1) as f64
}

fn main() {
    let scale: u32 = std::env::var("BENCH_SCALE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10)
        .max(2);
    let one_dir = tempfile::tempdir().expect("temp dir");
    let mut one = Ledger::open_dir(one_dir.path()).expect("a ledger");
    demo::load(&mut one).expect("the demo");
    let big_dir = tempfile::tempdir().expect("temp dir");
    let mut big = Ledger::open_dir(big_dir.path()).expect("a ledger");
    demo::load(&mut big).expect("the demo");
    grow::grow(&mut big, scale, &mut |_, _, _| {}).expect("the ledger grows");

    let (summary, summary_pages) = summary_time(&one);
    let (pdf1, pages1) = binder_time(&one, PaperFormat::Pdf);
    let (pdf_n, pages_n) = binder_time(&big, PaperFormat::Pdf);
    let (docx1, _) = binder_time(&one, PaperFormat::Docx);
    let (docx_n, _) = binder_time(&big, PaperFormat::Docx);
    let build1 = best_of_three(|| drop(binder_2019(&one)));
    let build_n = best_of_three(|| drop(binder_2019(&big)));

    println!(
        "{:<52} {:>10} {:>10} {:>8} goal",
        "what", "value", "baseline", "ratio"
    );
    let line = |what: &str, value: String, baseline: String, ratio: f64, goal: &str| {
        println!("{what:<52} {value:>10} {baseline:>10} {ratio:>8.2} {goal}");
    };
    line(
        "(a) binder 2019 PDF ÷ summary 2019 PDF, s per page",
        format!("{:.4}", per_page(pdf1, pages1)),
        format!("{:.4}", per_page(summary, summary_pages)),
        per_page(pdf1, pages1) / per_page(summary, summary_pages),
        "≤ 1.0",
    );
    let grew = pages_n as f64 / pages1.max(1) as f64;
    line(
        &format!("(b) binder PDF, scale {scale} ÷ 1, time ÷ pages growth"),
        format!("{:.2}x", pdf_n.as_secs_f64() / pdf1.as_secs_f64()),
        format!("{grew:.2}x"),
        pdf_n.as_secs_f64() / pdf1.as_secs_f64() / grew,
        "≤ 1.0",
    );
    line(
        &format!("    binder Word, scale {scale} ÷ 1, time ÷ pages growth"),
        format!("{:.2}x", docx_n.as_secs_f64() / docx1.as_secs_f64()),
        format!("{grew:.2}x"),
        docx_n.as_secs_f64() / docx1.as_secs_f64() / grew,
        "≤ 1.0",
    );
    eprintln!(
        "reading the ledger into the binder: {:.3} s at scale 1, {:.3} s at scale {scale} ({:.2}x)",
        build1.as_secs_f64(),
        build_n.as_secs_f64(),
        build_n.as_secs_f64() / build1.as_secs_f64()
    );
    eprintln!(
        "summary 2019: {summary_pages} pages in {:.2} s; binder 2019: {pages1} pages in {:.2} s (PDF), \
         {:.2} s (Word); at scale {scale}: {pages_n} pages in {:.2} s (PDF), {:.2} s (Word)",
        summary.as_secs_f64(),
        pdf1.as_secs_f64(),
        docx1.as_secs_f64(),
        pdf_n.as_secs_f64(),
        docx_n.as_secs_f64()
    );
}
