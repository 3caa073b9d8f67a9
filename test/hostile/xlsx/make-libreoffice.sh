#!/bin/sh
# Writes the LibreOffice-made ledgers beside this script: `cd test/hostile/xlsx && sh make-libreoffice.sh`
# (needs soffice, and openpyxl-hidden-first-sheet.xlsx from make-openpyxl.py; the tests only read
# the .xlsx files).
# - libreoffice-good.xlsx from libreoffice-good.csv (booleans written as はい: LibreOffice saves a
#   TRUE cell as the number 1 with a format).
# - libreoffice-hostile.xlsx from libreoffice-hostile.fods: the amount merged over rows 3–4
#   (E3:E4), row 5 hidden and a formula =E2/3 in E6 that LibreOffice computes and saves.
# - libreoffice-hidden-first-sheet.xlsx: openpyxl's workbook with a hidden first sheet, saved again
#   by LibreOffice (headless LibreOffice shows the first sheet of a .fods, so it cannot hide it).
set -e
cd "$(dirname "$0")"
profile="$(mktemp -d)"
out="$(mktemp -d)"
run() { soffice -env:UserInstallation="file://$profile" --headless "$@"; }
run --infilter=CSV:44,34,76,1 --convert-to xlsx libreoffice-good.csv --outdir .
run --convert-to xlsx libreoffice-hostile.fods --outdir .
cp openpyxl-hidden-first-sheet.xlsx "$out/libreoffice-hidden-first-sheet.xlsx"
run --convert-to 'xlsx:Calc MS Excel 2007 XML' "$out/libreoffice-hidden-first-sheet.xlsx" --outdir .
rm -rf "$profile" "$out"

# The openpyxl clerk-filled ledger (midnight datetimes, Japanese labels) saved again by LibreOffice.
soffice --headless --convert-to xlsx --outdir /tmp openpyxl-datetime-labels.xlsx
mv /tmp/openpyxl-datetime-labels.xlsx libreoffice-datetime-labels.xlsx
