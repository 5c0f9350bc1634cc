#!/usr/bin/env bash
# Checks what a built .deb holds: the program and nothing else of ours (not the perf comparison
# window), icons at every size, a menu entry with its Chinese name in the Office category, and the
# dependencies, with a libc6 version that covers what the program needs.
# Usage: scripts/check-deb.sh PACKAGE.deb PROGRAM (the binary that went into it)
set -euo pipefail
deb=$1
program=$2
echo "-- what the package holds"
contents=$(dpkg-deb -c "$deb")
control=$(dpkg-deb -f "$deb")
fail() { echo "FAIL: $*"; exit 1; }
grep -Eq ' (\./)?usr/bin/branch-ledger$' <<<"$contents" || fail "no /usr/bin/branch-ledger"
! grep -q 'minimal-window' <<<"$contents" || fail "the perf comparison window is in the package"
for size in 16 24 32 48 64 128 256 512; do
  grep -q "hicolor/${size}x${size}/apps/branch-ledger.png" <<<"$contents" || fail "no ${size}px icon"
done
for dep in libwebkit2gtk-4.1-0 libgtk-3-0 fonts-noto-cjk libc6; do
  grep -q "^Depends:.*$dep" <<<"$control" || fail "Depends lacks $dep"
done
desktop=$(dpkg-deb --fsys-tarfile "$deb" | tar -xO --wildcards '*usr/share/applications/branch-ledger.desktop')
grep -q '^Name\[zh_CN\]=支部台账$' <<<"$desktop" || fail "no Chinese name in the menu entry"
grep -q '^Categories=Office;' <<<"$desktop" || fail "not in the Office menu"
# The libc6 version the package asks for must cover what the program needs.
needed=$(objdump -T "$program" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -n 1)
declared=$(sed -n 's/^Depends:.*libc6 (>= \([0-9.]*\)).*/\1/p' <<<"$control")
[ "$(printf '%s\n%s\n' "$needed" "$declared" | sort -V | tail -n 1)" = "$declared" ] \
  || fail "the program needs glibc $needed but the package asks for libc6 >= $declared"

echo "the package holds what it should"
