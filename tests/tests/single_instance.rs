//! A second launch of the app hands over to the running window and exits (through the D-Bus session
//! bus, so this test runs under `dbus-run-session`; see scripts/test.sh).

use e2e::{app_binary, load_demo, App};
use std::process::Command;
use std::time::{Duration, Instant};

#[tokio::test(flavor = "multi_thread")]
async fn a_second_launch_exits_and_the_first_window_carries_on() {
    assert!(
        std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some(),
        "run this test under dbus-run-session: the single-instance hand-over needs a session bus"
    );
    let dir = tempfile::tempdir().unwrap();
    load_demo(dir.path());
    let app = App::start(dir.path(), &["view-dashboard"]).await;

    let mut second = Command::new(app_binary())
        .arg("--data-dir")
        .arg(dir.path())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(15);
    let status = loop {
        if let Some(status) = second.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = second.kill();
            panic!("the second instance kept running instead of handing over to the first");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(status.success(), "the second instance exited with {status}");

    // The first window is still there and still works.
    app.click("nav-settings").await;
    app.el("view-settings").await;
    app.stop().await;
}
