#!/usr/bin/env python3
"""Reads the papers made by scripts/check-papers.sh with independent tools, as a reviewer's
software would: python-docx (headings, each data table's header row marked to repeat, the
contents field), openpyxl (every sheet's print setup). Exits 1 on the first thing wrong."""
import sys
from pathlib import Path

import docx
import openpyxl

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def fail(message):
    print("FAIL:", message)
    sys.exit(1)


def check_word(path, want_contents, want_headings):
    d = docx.Document(str(path))
    headings = [p.text for p in d.paragraphs
                if p.style is not None and p.style.name.lower().startswith("heading")]
    if len(headings) < want_headings:
        fail(f"{path.name}: {len(headings)} headings, wanted at least {want_headings}")
    data_tables = 0
    for t in d.tables:
        first = t.rows[0]._tr
        header = first.find(f"{W}trPr/{W}tblHeader") is not None
        shaded_labels = all(c._tc.find(f"{W}tcPr/{W}shd") is not None for c in t.rows[0].cells[:1])
        if header:
            data_tables += 1
        elif not shaded_labels:
            fail(f"{path.name}: a table whose first row is neither a header nor a form's labels")
        for row in t.rows:
            if row._tr.find(f"{W}trPr/{W}cantSplit") is None:
                fail(f"{path.name}: a row may split across pages")
    xml = d.element.xml
    if want_contents and "TOC \\o" not in xml:
        fail(f"{path.name}: no contents field")
    print(f"ok {path.name}: {len(headings)} headings, {len(d.tables)} tables "
          f"({data_tables} with repeating headers)")


def check_excel(path):
    wb = openpyxl.load_workbook(str(path))
    for ws in wb.worksheets:
        ps = ws.page_setup
        if str(ps.paperSize) != "9":
            fail(f"{path.name}/{ws.title}: paper {ps.paperSize}, not A4")
        if not (ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage):
            fail(f"{path.name}/{ws.title}: not fitted to the page width")
        if ps.fitToWidth not in (None, 1) or ps.fitToHeight not in (0, "0"):
            fail(f"{path.name}/{ws.title}: fit {ps.fitToWidth}×{ps.fitToHeight}, wanted 1 wide")
        if "&P" not in (ws.oddFooter.center.text or ""):
            fail(f"{path.name}/{ws.title}: no page number in the footer")
        if not ws.oddHeader.right.text:
            fail(f"{path.name}/{ws.title}: no range in the header")
    print(f"ok {path.name}: {len(wb.worksheets)} sheets with A4, one page wide, header and footer")


def main(folder):
    folder = Path(folder)
    for lang in ("zh", "en"):
        check_word(folder / f"summary-2019-{lang}.docx", True, 7)
        check_word(folder / f"binder-2019-{lang}.docx", True, 50)
        check_word(folder / f"record-{lang}.docx", False, 0)
        check_word(folder / f"signin-{lang}.docx", False, 0)
        check_excel(folder / f"summary-2019-{lang}.xlsx")
        check_word(folder / f"dues-2020-{lang}.docx", False, 0)
        check_excel(folder / f"dues-2020-{lang}.xlsx")


if __name__ == "__main__":
    main(sys.argv[1])
