#!/usr/bin/env bash
# The ledger is an open file: the standard sqlite3 tool checks a new ledger, the demo, a backup and an
# encrypted backup once decrypted (by a restore), and can add and change a person; the app then opens
# the edited ledger and puts the new name in its place. Uses target/debug/ledger.
set -euo pipefail
cd "$(dirname "$0")/.."
ledger="$PWD/target/debug/ledger"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

checked() {
  local result
  result=$(sqlite3 "$1" 'PRAGMA integrity_check;')
  [ "$result" = ok ] || { echo "FAIL: integrity_check of $1 says: $result"; exit 1; }
  echo "sqlite3 integrity_check ok: $2"
}

"$ledger" --data-dir "$work/new" info >/dev/null
checked "$work/new/ledger.sqlite3" "a new ledger"
"$ledger" --data-dir "$work/demo" demo >/dev/null
checked "$work/demo/ledger.sqlite3" "the demo"
"$ledger" --data-dir "$work/demo" backup --to "$work/usb" >/dev/null
checked "$(ls "$work"/usb/branch-ledger-*.sqlite3)" "a backup"
printf 'open-file-check\n' >"$work/pass"
"$ledger" --data-dir "$work/demo" backup --to "$work/usb-enc" --passphrase-file "$work/pass" >/dev/null
"$ledger" --data-dir "$work/restored" info >/dev/null
"$ledger" --data-dir "$work/restored" restore --yes --passphrase-file "$work/pass" \
  "$(ls "$work"/usb-enc/branch-ledger-*.age)" >/dev/null
checked "$work/restored/ledger.sqlite3" "an encrypted backup, decrypted by a restore"

sqlite3 "$work/demo/ledger.sqlite3" "
  INSERT INTO people (name, stage, stage_since, created_at, updated_at)
  VALUES ('阿丽', 'applicant', '2020-05-04', '2020-05-04 09:00:00', '2020-05-04 09:00:00');
  UPDATE people SET phone = '13800000000' WHERE name = '阿丽';"
checked "$work/demo/ledger.sqlite3" "after an INSERT and an UPDATE through sqlite3"
"$ledger" --data-dir "$work/demo" --lang en search 阿丽 | grep -q 阿丽 \
  || { echo "FAIL: the app does not find the person sqlite3 added"; exit 1; }
key=$(sqlite3 "$work/demo/ledger.sqlite3" "SELECT sort_key FROM people WHERE name = '阿丽';")
[ -n "$key" ] || { echo "FAIL: the app did not give the new person a place in pinyin order"; exit 1; }
echo "the app opens the edited ledger and finds the new person in pinyin order"
