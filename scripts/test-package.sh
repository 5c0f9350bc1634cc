#!/usr/bin/env bash
# The Debian package, for real: bundle it, check it with lintian, install it with apt-get, drive the
# installed program in a window (tests/tests/package.rs), remove it, and check that the user's data
# folder is still there. Every ledger it touches lives in a temporary folder.
# Needs what `scripts/install-deps.sh --test` installs (tauri-cli, lintian, Xvfb, tauri-driver).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Bundled from the debug build the tests already made, which saves a four-minute release build; the
# release .deb is the release workflow's (.github/workflows/release.yml).
rm -rf target/debug/bundle/deb
cargo tauri build --debug --bundles deb
deb=$(ls target/debug/bundle/deb/branch-ledger_*_amd64.deb)
echo "-- $deb"

bash scripts/check-deb.sh "$deb" target/debug/branch-ledger

fail() { echo "FAIL: $*"; exit 1; }
echo "-- lintian"
# The debug build keeps its symbols; the release profile strips them (strip = true in Cargo.toml),
# so that one tag is left out here and the profile checked instead.
grep -q '^strip = true' Cargo.toml || fail "the release profile does not strip the program"
lintian --fail-on error,warning --suppress-tags unstripped-binary-or-object "$deb"

echo "-- install, drive the installed program, remove"
home=$(mktemp -d)
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "./$deb"
status=0
PACKAGE_TEST_HOME="$home" env -u DBUS_SESSION_BUS_ADDRESS xvfb-run -a -s "-screen 0 1280x800x24" \
  cargo test -p e2e --test package -- --test-threads=1 --nocapture || status=$?
as_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq branch-ledger
[ "$status" -eq 0 ] || fail "the installed program's tests failed"
[ ! -e /usr/bin/branch-ledger ] || fail "apt-get remove left /usr/bin/branch-ledger"
[ -f "$home/.local/share/branch-ledger/ledger.sqlite3" ] || fail "removing the package removed the user's ledger"
echo "the user's ledger is still there after removal: $home/.local/share/branch-ledger/ledger.sqlite3"
rm -rf "$home"
