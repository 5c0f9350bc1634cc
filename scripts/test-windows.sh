#!/usr/bin/env bash
# The Windows side, tested on this Linux machine: the core's whole test suite cross-compiled for
# x86_64-pc-windows-gnu and run under Wine (paths, file locks, renames during restore, drive
# detection, Word fonts), then the app crate cross-compiled as a build check of its Windows-only code.
# Needs what `scripts/install-deps.sh --test` installs (mingw-w64, wine, the Rust target).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
target=x86_64-pc-windows-gnu

# Wine 8 lacks bcryptprimitives.dll, which Rust's standard library needs for random numbers: a stub
# built from scripts/wine/ stands in for it (tests only; never shipped).
stub_dir="$PWD/target/wine"
mkdir -p "$stub_dir"
x86_64-w64-mingw32-gcc -shared -O2 -o "$stub_dir/bcryptprimitives.dll" \
  scripts/wine/bcryptprimitives.c -ladvapi32

# A Wine prefix of this run's own, removed at the end (Wine starts its helper processes in it and
# `wineserver -k` ends exactly those).
prefix=$(mktemp -d)
cleanup() { WINEPREFIX="$prefix" wineserver -k 2>/dev/null || true; rm -rf "$prefix"; }
trap cleanup EXIT

export WINEPREFIX="$prefix" WINEDEBUG=-all WINEPATH="$stub_dir"
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=wine
wineboot --init >/dev/null 2>&1 || true
# A Windows PC has SimSun and SimHei; the prefix gets a Song and a Hei face in its Fonts folder, so
# that the papers' font lookup is tested on its Windows path (fonts-noto-cjk, a dependency).
for face in /usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc \
  /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc; do
  [ -f "$face" ] && cp "$face" "$prefix/drive_c/windows/Fonts/"
done

echo "-- the core's tests under Wine"
# Wine's start-up notes on stderr (no 32-bit Wine, no desktop) are left out; cargo's status decides.
cargo test -p ledger --target "$target" \
  2> >(grep -v -e 'wine32 is missing' -e 'syswow64' -e 'multiarch' -e 'explorer' >&2)

echo "-- the app crate builds for Windows"
cargo build -p branch-ledger --bin branch-ledger --target "$target"
