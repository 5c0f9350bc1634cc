//! The end-to-end harness: starts `tauri-driver` and the real Branch Ledger window on a data directory
//! of the test's own, and drives it the way the secretary would (by `data-testid`).
//!
//! A missing app binary or tauri-driver is a failure, never a skip: a skipped e2e run hides breakage.

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(15);
/// Renders the first two pages of `pdf` to PNG beside the screenshots, as `NAME-1.png` …
pub fn render_pdf(pdf: &Path, name: &str) {
    let shots = workspace_root().join("target/screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let rendered = Command::new("pdftoppm")
        .args(["-r", "60", "-png", "-f", "1", "-l", "2"])
        .arg(pdf)
        .arg(shots.join(name))
        .status();
    assert!(
        rendered.is_ok_and(|s| s.success()),
        "pdftoppm renders {}",
        pdf.display()
    );
}

/// Waits (up to 30 s) for the file with `extension` the window saved into `dir` (an export through
/// `BRANCH_LEDGER_TEST_SAVE_DIR`), and returns its path.
pub async fn saved(dir: &Path, extension: &str) -> PathBuf {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let found = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|e| e == extension));
        if let Some(path) = found {
            return path;
        }
        assert!(
            Instant::now() < deadline,
            "no .{extension} saved in {}",
            dir.display()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ sits in the workspace")
        .to_path_buf()
}

/// The built app: `$BRANCH_LEDGER_APP`, else `target/debug/branch-ledger`.
pub fn app_binary() -> PathBuf {
    let path = std::env::var_os("BRANCH_LEDGER_APP")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target/debug/branch-ledger"));
    assert!(
        path.is_file(),
        "the app binary {} is missing: run `cargo build -p branch-ledger` first",
        path.display()
    );
    path
}

/// The command-line tool, built beside the app.
pub fn cli_binary() -> PathBuf {
    let path = app_binary().with_file_name("ledger");
    assert!(
        path.is_file(),
        "the ledger CLI {} is missing: run `cargo build -p ledger` first",
        path.display()
    );
    path
}

/// The large-ledger generator (`cargo build -p ledger-tools`), built beside the app.
pub fn grow_binary() -> PathBuf {
    let path = app_binary().with_file_name("grow-ledger");
    assert!(
        path.is_file(),
        "{} is missing: run `cargo build -p ledger-tools` first",
        path.display()
    );
    path
}

fn tauri_driver() -> PathBuf {
    if let Some(path) = std::env::var_os("TAURI_DRIVER") {
        return PathBuf::from(path);
    }
    let on_path = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .chain(std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo/bin")))
        .map(|dir| dir.join("tauri-driver"))
        .find(|p| p.is_file());
    on_path.expect("tauri-driver is missing: `cargo install tauri-driver --version 2.1.0 --locked`")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free local port")
}

/// Fills the ledger in `dir` with the demo branch, through the CLI.
pub fn load_demo(dir: &Path) {
    let status = Command::new(cli_binary())
        .arg("--data-dir")
        .arg(dir)
        .arg("demo")
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "ledger demo failed");
}

/// Waits until no process holds the ledger's lock (a closed app can take a moment to go away).
pub async fn wait_until_closed(data_dir: &Path) {
    let lock = data_dir.join("ledger.sqlite3.lock");
    // Longer than other waits: on a busy machine WebKit's processes take their time to go.
    let deadline = Instant::now() + 2 * WAIT;
    loop {
        let file = std::fs::File::options()
            .write(true)
            .open(&lock)
            .expect("the lock file exists");
        if file.try_lock().is_ok() {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "the previous app still holds {}",
            lock.display()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

pub struct App {
    pub client: Client,
    driver: Child,
    /// Time from asking for a session to the first screen being drawn.
    pub started_in: Duration,
}

impl App {
    /// Starts the app on `data_dir` and waits for its first screen (any of `first_testids`).
    pub async fn start(data_dir: &Path, first_testids: &[&str]) -> App {
        Self::start_with_env(data_dir, first_testids, &[]).await
    }

    /// Like [`App::start`], with extra environment for the app (it passes through tauri-driver).
    pub async fn start_with_env(
        data_dir: &Path,
        first_testids: &[&str],
        env: &[(&str, &Path)],
    ) -> App {
        Self::start_binary(&app_binary(), data_dir, first_testids, env).await
    }

    /// Like [`App::start_with_env`], for another Tauri binary (the minimal window of the perf test).
    pub async fn start_binary(
        app: &Path,
        data_dir: &Path,
        first_testids: &[&str],
        env: &[(&str, &Path)],
    ) -> App {
        let args = vec!["--data-dir".to_string(), data_dir.display().to_string()];
        Self::launch(app, &args, first_testids, env).await
    }

    /// Starts `app` with these arguments (none: it finds its data folder as it would for a user)
    /// and waits for its first screen.
    pub async fn launch(
        app: &Path,
        args: &[String],
        first_testids: &[&str],
        env: &[(&str, &Path)],
    ) -> App {
        let port = free_port();
        let driver = Command::new(tauri_driver())
            .envs(env.iter().map(|(k, v)| (*k, v.as_os_str())))
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &free_port().to_string(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("tauri-driver starts");
        wait_for_port(port).await;
        let caps = serde_json::json!({
            "browserName": "wry",
            "tauri:options": {
                "application": app,
                "args": args,
            }
        });
        let started = Instant::now();
        let client = ClientBuilder::native()
            .capabilities(caps.as_object().unwrap().clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a WebDriver session with the app");
        let mut app = App {
            client,
            driver,
            started_in: Duration::ZERO,
        };
        let selector = first_testids
            .iter()
            .map(|id| format!("[data-testid=\"{id}\"]"))
            .collect::<Vec<_>>()
            .join(", ");
        if let Err(e) = app
            .client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(&selector))
            .await
        {
            app.screenshot("failed-start").await;
            let body = match app.client.find(Locator::Css("body")).await {
                Ok(body) => body.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            panic!("the first screen ({selector}) did not appear: {e}; the window shows: {body:?}");
        }
        app.started_in = started.elapsed();
        app
    }

    /// Closes the window and stops tauri-driver (see [`end_driver`]).
    pub async fn stop(mut self) {
        let _ = self.client.clone().close().await;
        end_driver(&mut self.driver);
    }

    fn css(testid: &str) -> String {
        format!("[data-testid=\"{testid}\"]")
    }

    /// Waits for the first element with this test id.
    pub async fn el(&self, testid: &str) -> Element {
        let css = Self::css(testid);
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(&css))
            .await
            .unwrap_or_else(|e| panic!("no [{testid}]: {e}"))
    }

    /// Waits for an element matching a CSS selector.
    pub async fn find(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no {css}: {e}"))
    }

    pub async fn all(&self, testid: &str) -> Vec<Element> {
        self.client
            .find_all(Locator::Css(&Self::css(testid)))
            .await
            .unwrap_or_default()
    }

    pub async fn exists(&self, testid: &str) -> bool {
        !self.all(testid).await.is_empty()
    }

    /// Clicks the element, finding it again if a re-render replaced it in between.
    pub async fn click(&self, testid: &str) {
        let deadline = Instant::now() + WAIT;
        loop {
            let el = self.el(testid).await;
            self.into_view(&el).await;
            match el.click().await {
                Ok(()) => return,
                Err(_) if Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => panic!("click [{testid}]: {e}"),
            }
        }
    }

    /// Clears a field and types into it.
    pub async fn fill(&self, testid: &str, text: &str) {
        let el = self.el(testid).await;
        self.into_view(&el).await;
        el.clear().await.unwrap();
        if text.is_empty() {
            return;
        }
        // WebKitWebDriver now and then answers a keystroke with an empty error under load: the field
        // is found again and typed into once more before the test gives up.
        if el.send_keys(text).await.is_err() {
            tokio::time::sleep(Duration::from_millis(300)).await;
            let el = self.el(testid).await;
            el.clear().await.unwrap();
            el.send_keys(text)
                .await
                .unwrap_or_else(|e| panic!("type into [{testid}]: {e}"));
        }
    }

    /// Scrolls an element to the middle of its dialog or screen, as a person would before using it:
    /// WebKit's own scrolling may leave it under a form's sticky 保存/取消 bar.
    pub async fn into_view(&self, el: &Element) {
        let _ = self
            .client
            .execute(
                "arguments[0].scrollIntoView({block: 'center'})",
                vec![serde_json::to_value(el).unwrap()],
            )
            .await;
    }

    pub async fn select(&self, testid: &str, value: &str) {
        let el = self.el(testid).await;
        self.into_view(&el).await;
        el.select_by_value(value)
            .await
            .unwrap_or_else(|e| panic!("select {value} in [{testid}]: {e}"));
    }

    /// The current value of a form field.
    pub async fn value(&self, testid: &str) -> String {
        self.el(testid)
            .await
            .prop("value")
            .await
            .ok()
            .flatten()
            .unwrap_or_default()
    }

    pub async fn text(&self, testid: &str) -> String {
        self.el(testid).await.text().await.unwrap_or_default()
    }

    /// Waits until the element's text contains `expected`, and returns the text.
    pub async fn wait_text(&self, testid: &str, expected: &str) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let text = match self.all(testid).await.first() {
                Some(el) => el.text().await.unwrap_or_default(),
                None => String::new(),
            };
            if text.contains(expected) {
                return text;
            }
            assert!(
                Instant::now() < deadline,
                "[{testid}] never showed {expected:?}; it shows {text:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Marks the `row`-th person of the activity form's attendance table (出席, 请假, 缺席 as
    /// `present`, `on_leave`, `absent`), as the secretary clicks it.
    /// The table may be drawn again while this looks for the button (the expected people follow the
    /// date as it is typed): then it looks again.
    pub async fn mark_attendance(&self, row: usize, status: &str) {
        let deadline = Instant::now() + WAIT;
        loop {
            let rows = self.all("attendance-row").await;
            let found = match rows.get(row) {
                Some(r) => r
                    .find(Locator::Css(&Self::css(&format!("attendance-{status}"))))
                    .await
                    .map_err(|e| e.to_string()),
                None => Err(format!("only {} rows", rows.len())),
            };
            let clicked = match found {
                Ok(button) => {
                    self.into_view(&button).await;
                    button.click().await.map_err(|e| e.to_string())
                }
                Err(e) => Err(e),
            };
            match clicked {
                Ok(()) => return,
                Err(_) if Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => panic!("mark attendance row {row} {status}: {e}"),
            }
        }
    }

    /// Which status the `row`-th attendance row has chosen.
    pub async fn attendance_of(&self, row: usize) -> String {
        let rows = self.all("attendance-row").await;
        for status in ["present", "on_leave", "absent"] {
            let button = rows[row]
                .find(Locator::Css(&Self::css(&format!("attendance-{status}"))))
                .await
                .unwrap();
            if button.attr("aria-pressed").await.unwrap().as_deref() == Some("true") {
                return status.to_string();
            }
        }
        panic!("attendance row {row} has no status chosen");
    }

    /// Closes the open form with 取消, and says yes when it asks whether to throw away changes.
    pub async fn discard_form(&self) {
        self.click("form-cancel").await;
        let deadline = Instant::now() + WAIT;
        while Instant::now() < deadline {
            if self.exists("confirm-yes").await {
                self.click("confirm-yes").await;
                return;
            }
            if !self.exists("form-cancel").await {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the form neither closed nor asked");
    }

    /// Waits until no element has this test id (a dialog closed, a row went away).
    pub async fn wait_gone(&self, testid: &str) {
        let deadline = Instant::now() + WAIT;
        while self.exists(testid).await {
            assert!(Instant::now() < deadline, "[{testid}] never went away");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Clicks the table row (by test id) whose text contains `text`.
    pub async fn click_row(&self, testid: &str, text: &str) {
        let deadline = Instant::now() + WAIT;
        loop {
            for row in self.all(testid).await {
                if row.text().await.unwrap_or_default().contains(text) {
                    // WebKit will not click a <tr> itself; its first cell stands for it.
                    let cell = row.find(Locator::Css("td")).await.unwrap_or(row);
                    cell.click()
                        .await
                        .unwrap_or_else(|e| panic!("click [{testid}] {text:?}: {e}"));
                    return;
                }
            }
            assert!(Instant::now() < deadline, "no [{testid}] row with {text:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Texts of every element with this test id.
    pub async fn texts(&self, testid: &str) -> Vec<String> {
        let mut out = Vec::new();
        for el in self.all(testid).await {
            out.push(el.text().await.unwrap_or_default());
        }
        out
    }

    /// Saves a PNG of the window to `target/screenshots/NAME.png`.
    pub async fn screenshot(&self, name: &str) {
        tokio::time::sleep(Duration::from_millis(300)).await; // let toasts and layout settle
        let png = self.client.screenshot().await.expect("a screenshot");
        let dir = workspace_root().join("target/screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
    }
}

impl Drop for App {
    /// A test that fails half-way still ends the tauri-driver it started (and so its WebKitWebDriver
    /// and the app), by process id: nothing else on the machine is touched.
    fn drop(&mut self) {
        end_driver(&mut self.driver);
    }
}

/// Stops tauri-driver with SIGTERM, which lets it stop its WebKitWebDriver; SIGKILL only if it does
/// not go within five seconds.
fn end_driver(driver: &mut Child) {
    if let Ok(Some(_)) = driver.try_wait() {
        return;
    }
    let _ = Command::new("kill")
        .arg("-TERM")
        .arg(driver.id().to_string())
        .status();
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = driver.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = driver.kill();
    let _ = driver.wait();
}

async fn wait_for_port(port: u16) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .is_err()
    {
        assert!(
            Instant::now() < deadline,
            "tauri-driver did not start listening on {port}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
