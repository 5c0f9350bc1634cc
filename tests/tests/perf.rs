//! Start-up time and memory of the real app on the demo ledger and on a large one (`grow-ledger
//! --scale 10`): from asking for a window to the first screen drawn, and the proportional set size
//! (PSS) of the app with its WebKit processes once that screen is up. Not a test (it asserts nothing
//! about speed): run it with `scripts/perf.sh`, which builds the release app first. Each figure is
//! also divided by the same figure for a minimal Tauri window (`src-tauri/src/bin/minimal-window.rs`:
//! one line of static HTML, the same Tauri and WebKit) measured in the same run.

use e2e::{cli_binary, grow_binary, App};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[tokio::test(flavor = "multi_thread")]
#[ignore = "a measurement, run by scripts/perf.sh"]
async fn start_time_and_memory_on_the_demo_and_a_large_ledger() {
    println!("machine: {}", machine());
    let minimal = e2e::app_binary().with_file_name("minimal-window");
    let dir = tempfile::tempdir().unwrap();
    let bare = App::start_binary(&minimal, dir.path(), &["view-minimal"], &[]).await;
    let bare_start = bare.started_in;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let (bare_own, bare_webkit) = memory(&minimal);
    bare.stop().await;
    println!(
        "minimal Tauri window: start {} ms, PSS {bare_own:.0} MiB + WebKit {bare_webkit:.0} MiB",
        bare_start.as_millis()
    );
    println!(
        "{:<10} {:>9} {:>10} {:>15} {:>12} {:>16} {:>18}",
        "ledger",
        "records",
        "file MB",
        "start ms (×)",
        "roster ms",
        "app PSS (×)",
        "WebKit PSS (×)"
    );
    for (name, scale) in [("demo", 1u32), ("scale 10", 10)] {
        let dir = tempfile::tempdir().unwrap();
        let args = ["--scale".to_string(), scale.to_string()];
        let status = Command::new(grow_binary())
            .arg("--data-dir")
            .arg(dir.path())
            .args(&args)
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "grow-ledger {args:?} failed");
        let file = dir.path().join("ledger.sqlite3");
        let mb = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0) as f64 / 1048576.0;
        let records = records(dir.path());

        let app = App::start(dir.path(), &["view-dashboard"]).await;
        let started = app.started_in;
        let clicked = Instant::now();
        app.click("nav-roster").await;
        app.el("person-row").await;
        let roster = clicked.elapsed();
        let shot = name.replace(' ', "-");
        app.screenshot(&format!("perf-{shot}-roster")).await;
        tokio::time::sleep(Duration::from_secs(1)).await;
        let (own, webkit) = memory(&e2e::app_binary());
        // The other main screens on this ledger, to look at (after the memory is taken).
        for view in [
            "dashboard",
            "activities",
            "bulletins",
            "suggestions",
            "bookshelf",
            "summary",
        ] {
            app.click(&format!("nav-{view}")).await;
            tokio::time::sleep(Duration::from_millis(800)).await;
            app.screenshot(&format!("perf-{shot}-{view}")).await;
        }
        if scale > 1 {
            general_meeting(&app).await;
        }
        println!(
            "{name:<10} {records:>9} {mb:>10.1} {:>7} ({:>4.1}) {:>12} {:>6.0} MiB ({:>4.1}) {:>8.0} MiB ({:>4.1})",
            started.as_millis(),
            secs(started) / secs(bare_start),
            roster.as_millis(),
            own,
            own / bare_own,
            webkit,
            webkit / bare_webkit
        );
        app.stop().await;
        e2e::wait_until_closed(dir.path()).await;
    }
}

/// A general meeting of the large branch, recorded through the form: over a thousand people expected,
/// their rows drawn 200 at a time, one marked absent on each of the first two steps, and the rate as
/// saved (stdout; the pass is that it saves).
async fn general_meeting(app: &App) {
    app.click("nav-activities").await;
    app.click("activity-add").await;
    app.select("field-kind", "general_meeting").await;
    app.fill("field-date", &ledger_today()).await;
    app.fill("field-title", "全体党员大会（大台账）").await;
    app.click("attendance-fill").await;
    while app.all("attendance-row").await.len() != 200 {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    app.click("attendance-more").await;
    while app.all("attendance-row").await.len() != 400 {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    app.mark_attendance(0, "absent").await;
    app.mark_attendance(399, "absent").await;
    app.screenshot("perf-scale-10-meeting-form").await;
    let saving = Instant::now();
    app.click("form-save").await;
    app.wait_gone("activity-form").await;
    let saved = saving.elapsed();
    let enter: char = fantoccini::key::Key::Enter.into();
    app.fill("activity-search", &format!("全体党员大会（大台账）{enter}"))
        .await;
    app.wait_text("activities-total", "1").await;
    println!(
        "general meeting of the large branch: saved in {} ms, attendance {}",
        saved.as_millis(),
        app.text("activity-rate").await
    );
}

/// Today as the ledger writes dates.
fn ledger_today() -> String {
    let out = Command::new("date").arg("+%Y-%m-%d").output().unwrap();
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// Live records of every type, from `ledger info --json`.
fn records(dir: &Path) -> i64 {
    let out = Command::new(cli_binary())
        .arg("--data-dir")
        .arg(dir)
        .args(["info", "--json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    json["counts"]
        .as_array()
        .map(|c| c.iter().filter_map(|x| x["live"].as_i64()).sum())
        .unwrap_or(0)
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

/// PSS in MiB of the process running `app` and of its WebKit child processes.
fn memory(app: &Path) -> (f64, f64) {
    let name = app.file_name().unwrap().to_string_lossy().into_owned();
    let pids: Vec<(u32, u32, String)> = std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(|pid| {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            let comm = stat.split('(').nth(1)?.split(')').next()?.to_string();
            let ppid = stat
                .rsplit(')')
                .next()?
                .split_whitespace()
                .nth(1)?
                .parse()
                .ok()?;
            Some((pid, ppid, comm))
        })
        .collect();
    let own: Vec<u32> = pids
        .iter()
        .filter(|(_, _, comm)| name.starts_with(comm.as_str()))
        .map(|(pid, _, _)| *pid)
        .collect();
    let children = pids
        .iter()
        .filter(|(_, ppid, comm)| own.contains(ppid) && comm.starts_with("WebKit"))
        .map(|(pid, _, _)| *pid);
    let pss = |pid: u32| -> f64 {
        std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup"))
            .ok()
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with("Pss:"))?
                    .split_whitespace()
                    .nth(1)?
                    .parse::<f64>()
                    .ok()
            })
            .unwrap_or(0.0)
            / 1024.0
    };
    (own.iter().map(|p| pss(*p)).sum(), children.map(pss).sum())
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_default();
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .next()
                .map(|l| l.split_whitespace().nth(1).unwrap_or("0").to_string())
        })
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1048576.0);
    format!("{cpu}, {cores} cores, {mem:.1} GiB RAM, Xvfb 1280x800")
}
