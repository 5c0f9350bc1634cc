#!/usr/bin/env bash
# Installs what is missing, builds Branch Ledger and opens it on its default ledger.
# Extra arguments go to the app, e.g. `scripts/run.sh --data-dir /media/usb/branch-ledger`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
export PATH="$HOME/.cargo/bin:$PATH"
# The app and the CLI (not the minimal window that scripts/perf.sh compares against).
cargo build --release -p ledger
cargo build --release -p branch-ledger --bin branch-ledger
exec target/release/branch-ledger "$@"
