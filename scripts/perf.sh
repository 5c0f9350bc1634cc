#!/usr/bin/env bash
# Start-up time and memory of the release app on the demo ledger and on a large one (scale 10),
# under Xvfb. Prints absolute figures with the machine they were measured on.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -p ledger -p ledger-tools -p branch-ledger --features branch-ledger/perf-window
BRANCH_LEDGER_APP="$PWD/target/release/branch-ledger" env -u DBUS_SESSION_BUS_ADDRESS \
  xvfb-run -a -s "-screen 0 1280x800x24" \
  cargo test -p e2e --test perf -- --ignored --nocapture --test-threads=1
