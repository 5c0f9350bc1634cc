//! Accessibility (WCAG 2.2 AA) of every main screen, the daily forms and the search box, in Chinese and
//! in English: axe-core, injected through WebDriver (the app itself never loads it), must find no
//! violation. axe-core comes from the npm package the test command installs into `target/tools`
//! (`scripts/install-deps.sh`).
use e2e::{load_demo, workspace_root, App};
use std::time::Duration;

const SCREENS: [&str; 15] = [
    "dashboard",
    "roster",
    "activities",
    "bulletins",
    "suggestions",
    "bookshelf",
    "honours",
    "dues",
    "appraisals",
    "admission",
    "summary",
    "organisation",
    "backup",
    "trash",
    "settings",
];

fn axe_source() -> String {
    let path = workspace_root().join("target/tools/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run scripts/install-deps.sh --test to install axe-core",
            path.display()
        )
    })
}

/// Runs axe on the window as it is; one line per violation and element.
async fn violations(app: &App, screen: &str) -> Vec<String> {
    let found = app
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
               .then((r) => done(r.violations.flatMap((v) => v.nodes.map((n) =>
                 `${v.id}: ${n.target.join(' ')}: ${(n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 240)}`))))
               .catch((e) => done([`axe failed: ${e}`]));",
            vec![],
        )
        .await
        .expect("axe ran");
    found
        .as_array()
        .unwrap()
        .iter()
        .map(|v| format!("{screen}: {}", v.as_str().unwrap_or_default()))
        .collect()
}

/// Waits until the screen has drawn its heading (its data have arrived).
async fn drawn(app: &App) {
    app.find("#main h1").await;
    tokio::time::sleep(Duration::from_millis(400)).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn every_main_screen_meets_wcag_2_2_aa_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    load_demo(dir.path());
    let app = App::start(dir.path(), &["view-dashboard"]).await;
    app.client
        .execute(&axe_source(), vec![])
        .await
        .expect("axe-core injected");
    let mut found = Vec::new();
    for lang in ["zh", "en"] {
        if lang == "en" {
            app.click("lang-toggle").await;
        }
        for screen in SCREENS {
            app.click(&format!("nav-{screen}")).await;
            drawn(&app).await;
            found.extend(violations(&app, &format!("{lang} {screen}")).await);
        }
        // The daily forms and the list of keys, each over its screen.
        for (screen, opener, dialog, closer) in [
            (
                "dashboard",
                "dashboard-record",
                "activity-form",
                "form-cancel",
            ),
            ("bookshelf", "book-lend", "lend-form", "form-cancel"),
            ("roster", "add-person", "person-form", "form-cancel"),
            ("dashboard", "nav-keys", "keys-dialog", "keys-close"),
        ] {
            app.click(&format!("nav-{screen}")).await;
            drawn(&app).await;
            app.click(opener).await;
            app.el(dialog).await;
            tokio::time::sleep(Duration::from_millis(600)).await;
            found.extend(violations(&app, &format!("{lang} {dialog}")).await);
            app.screenshot(&format!("a11y-{dialog}-{lang}")).await;
            app.click(closer).await;
            app.wait_gone(dialog).await;
        }
        // The search box over the home screen.
        app.click("nav-dashboard").await;
        drawn(&app).await;
        app.click("nav-search").await;
        app.fill("search-input", "党课").await;
        tokio::time::sleep(Duration::from_millis(800)).await;
        found.extend(violations(&app, &format!("{lang} search")).await);
        app.screenshot(&format!("a11y-search-{lang}")).await;
        app.client
            .execute("document.querySelector('dialog[open]')?.close();", vec![])
            .await
            .unwrap();
    }
    app.stop().await;
    assert!(
        found.is_empty(),
        "{} WCAG 2.2 AA violations:\n{}",
        found.len(),
        found.join("\n")
    );
}
