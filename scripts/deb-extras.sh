#!/usr/bin/env bash
# Run by `cargo tauri build` on Linux before it bundles (tauri.linux.conf.json): writes the files
# Debian expects beside a program, compressed as its policy asks, into target/packaging/ for the
# .deb to pick up: the changelog (this version's part of CHANGELOG.md, in Debian's format) and the
# manual page.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/packaging
mkdir -p "$out"

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
maintainer=$(sed -n 's/^authors = \["\(.*\)"\]/\1/p' Cargo.toml | head -n 1)
heading=$(grep -m1 "^## $version " CHANGELOG.md) || { echo "CHANGELOG.md has no section for $version"; exit 1; }
day=${heading##* }

# Each bullet of this version's section on its own entry, wrapped at 78 columns.
entries=$(awk -v v="$version" '
  function flush() { if (text == "") return; n = split(text, w, " "); line = "  *";
    for (i = 1; i <= n; i++) { if (length(line) + length(w[i]) + 1 > 78) { print line; line = "   " } line = line " " w[i] }
    print line; text = "" }
  /^## / { if (inside) { flush(); exit } inside = ($2 == v); next }
  !inside { next }
  /^### / { flush(); sub(/^### /, ""); print "  [ " $0 " ]"; next }
  /^- / { flush(); sub(/^- /, ""); text = $0; next }
  /^ +[^ ]/ && text != "" { sub(/^ +/, ""); text = text " " $0; next }
  { flush() }
  END { flush() }' CHANGELOG.md)

{
  echo "branch-ledger ($version) stable; urgency=medium"
  echo
  echo "$entries"
  echo
  echo " -- $maintainer  $(LC_ALL=C date -u -R -d "$day 12:00")"
} | gzip -9n > "$out/changelog.gz"
gzip -9nc src-tauri/packaging/branch-ledger.1 > "$out/branch-ledger.1.gz"
