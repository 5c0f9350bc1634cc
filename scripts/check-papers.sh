#!/usr/bin/env bash
# The papers read by independent tools: the demo's 2019 summary (Word, Excel, PDF), its 2019 binder
# (Word, PDF), and the record page and sign-in sheet of the 2018 Yan'an trip (Word, PDF), in both
# languages. python-docx and openpyxl read the Word and Excel files (scripts/check-papers.py);
# LibreOffice converts every Word file to PDF without error; pdftotext finds the branch, the range
# and every attendee of the meeting in our own PDFs; the first pages are rendered to
# target/screenshots/papers-*.png to be looked at.
set -euo pipefail
cd "$(dirname "$0")/.."
ledger="$PWD/target/debug/ledger"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
shots="$PWD/target/screenshots"
mkdir -p "$shots"

"$ledger" --data-dir "$work/data" demo >/dev/null
meeting=$("$ledger" --data-dir "$work/data" search --json 延安 \
  | /usr/bin/python3 -c 'import json,sys; print(next(r["id"] for r in json.load(sys.stdin) if r["type"] == "activity"))')
out="$work/out"
mkdir -p "$out"
for lang in zh en; do
  l() { "$ledger" --data-dir "$work/data" --lang "$lang" "$@" >/dev/null; }
  l summary --year 2019 -o "$out/summary-2019-$lang.docx"
  l summary --year 2019 -o "$out/summary-2019-$lang.xlsx"
  l summary --year 2019 -o "$out/summary-2019-$lang.pdf"
  l binder --year 2019 -o "$out/binder-2019-$lang.docx"
  l binder --year 2019 -o "$out/binder-2019-$lang.pdf"
  l record "$meeting" -o "$out/record-$lang.docx"
  l record "$meeting" -o "$out/record-$lang.pdf"
  l signin "$meeting" -o "$out/signin-$lang.docx"
  l signin "$meeting" -o "$out/signin-$lang.pdf"
  l dues --year 2020 -o "$out/dues-2020-$lang.xlsx"
  l dues --year 2020 -o "$out/dues-2020-$lang.docx"
  l dues --year 2020 -o "$out/dues-2020-$lang.pdf"
done
# The binder of a year with nothing in it says so rather than failing.
"$ledger" --data-dir "$work/data" binder --year 2010 -o "$out/empty.pdf" >/dev/null
# (Text is read into a variable first: `grep -q` would end the pipe early, which pipefail counts.)
empty_text="$(pdftotext "$out/empty.pdf" -)"
case "$empty_text" in *本时段内没有记录*) ;; *) echo "FAIL: the empty binder does not say so"; exit 1 ;; esac

/usr/bin/python3 scripts/check-papers.py "$out"

# LibreOffice (its own profile in the scratch folder) turns every Word file into PDF.
lo="$work/lo"
mkdir -p "$lo"
soffice -env:UserInstallation="file://$work/profile" --headless --convert-to pdf --outdir "$lo" \
  "$out"/*.docx >"$work/lo.log" 2>&1
mkdir -p "$lo/excel"
soffice -env:UserInstallation="file://$work/profile" --headless --convert-to pdf --outdir "$lo/excel" \
  "$out"/summary-2019-zh.xlsx "$out"/dues-2020-zh.xlsx >>"$work/lo.log" 2>&1
for f in "$out"/*.docx; do
  name="$(basename "$f" .docx)"
  [ -s "$lo/$name.pdf" ] || { echo "FAIL: LibreOffice did not convert $name.docx"; cat "$work/lo.log"; exit 1; }
done
echo "ok LibreOffice converted $(ls "$lo"/*.pdf | wc -l) files"

# Our PDFs hold their text: the branch, the range, every attendee of the meeting.
branch="微纳加工平台党支部"
holds() { # FILE TEXT
  local text
  text="$(pdftotext "$1" -)"
  case "$text" in *"$2"*) ;; *) echo "FAIL: $2 is not in $(basename "$1")"; exit 1 ;; esac
}
holds "$out/summary-2019-zh.pdf" "$branch"
holds "$out/summary-2019-zh.pdf" "2019-01-01"
holds "$out/summary-2019-en.pdf" "Party branch work summary"
holds "$out/binder-2019-zh.pdf" "$branch"
holds "$out/signin-zh.pdf" "签到表"
holds "$out/dues-2020-zh.pdf" "党员党费收缴登记表"
holds "$out/dues-2020-zh.pdf" "$branch"
holds "$out/dues-2020-en.pdf" "Party dues register 2020"
record_text="$(pdftotext "$out/record-zh.pdf" - | tr -d ' \n')"
sqlite3 "$work/data/ledger.sqlite3" \
  "SELECT COALESCE(p.name, a.guest_name) FROM attendance a LEFT JOIN people p ON p.id = a.person_id WHERE a.activity_id = $meeting" \
  | while read -r name; do
      case "$record_text" in *"$name"*) ;; *) echo "FAIL: $name is not on the record page"; exit 1 ;; esac
    done
echo "ok the PDFs name the branch, the range and every attendee ($(sqlite3 "$work/data/ledger.sqlite3" "SELECT count(*) FROM attendance WHERE activity_id = $meeting"))"

# Pages to look at: the 2019 summary (Word through LibreOffice, and our PDF), a binder, a sign-in sheet.
for lang in zh en; do
  pdftoppm -r 50 -png -f 1 -l 4 "$lo/summary-2019-$lang.pdf" "$shots/papers-summary-word-$lang"
  pdftoppm -r 50 -png -f 1 -l 4 "$out/summary-2019-$lang.pdf" "$shots/papers-summary-pdf-$lang"
  pdftoppm -r 50 -png -f 1 -l 6 "$out/binder-2019-$lang.pdf" "$shots/papers-binder-pdf-$lang"
  pdftoppm -r 50 -png -f 4 -l 6 "$lo/binder-2019-$lang.pdf" "$shots/papers-binder-word-$lang"
  pdftoppm -r 60 -png "$out/signin-$lang.pdf" "$shots/papers-signin-pdf-$lang"
  pdftoppm -r 60 -png "$lo/signin-$lang.pdf" "$shots/papers-signin-word-$lang"
  pdftoppm -r 60 -png "$out/record-$lang.pdf" "$shots/papers-record-pdf-$lang"
done
pdftoppm -r 40 -png -f 1 -l 4 "$lo/excel/summary-2019-zh.pdf" "$shots/papers-summary-excel-zh"
pdftoppm -r 50 -png -f 1 -l 1 "$lo/excel/dues-2020-zh.pdf" "$shots/papers-dues-excel-zh"
pdftoppm -r 50 -png -f 1 -l 2 "$out/dues-2020-zh.pdf" "$shots/papers-dues-pdf-zh"
pdftoppm -r 50 -png -f 1 -l 1 "$lo/dues-2020-en.pdf" "$shots/papers-dues-word-en"
echo "ok the 2019 workbook prints on $(pdfinfo "$lo/excel/summary-2019-zh.pdf" | awk '/^Pages/ {print $2}') pages"
echo "ok pages rendered to target/screenshots/papers-*.png"
