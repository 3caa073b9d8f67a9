"""Writes the openpyxl-made hostile ledgers beside this script (run with Debian's /usr/bin/python3,
which has python3-openpyxl): `cd test/hostile/xlsx && /usr/bin/python3 make-openpyxl.py`.
The files are committed; the tests only read them. Workbooks are saved with fixed properties so
that running the script again gives the same cells (the zip bytes may differ by timestamps)."""

import datetime

import openpyxl
from openpyxl.comments import Comment

HEADER = ["明細ID", "団体コード", "年度", "事業", "金額", "経費区分", "人物", "団体名", "団体区分", "facts.advisoryDuties"]
ROWS = [
    ["L1", "392081", 2025, "cio-aide", 3600000, "compensation", "P1", "宿毛市", "city", True],
    ["L2", "392081", 2025, "cio-aide", 1200000, "compensation", "P2", None, None, True],
    ["L3", "392081", 2025, "cio-aide", 800000, "compensation", "P3", None, None, True],
]


def ledger(title="台帳"):
    workbook = openpyxl.Workbook()
    workbook.properties.created = datetime.datetime(2025, 4, 1)
    workbook.properties.modified = datetime.datetime(2025, 4, 1)
    sheet = workbook.active
    sheet.title = title
    sheet.append(HEADER)
    for row in ROWS:
        sheet.append(row)
    return workbook, sheet


# A plain good ledger, with a note on a cell (exceljs 4.4.0 cannot read openpyxl's notes).
workbook, sheet = ledger()
sheet["E2"].comment = Comment("年額", "kofuzei")
workbook.save("openpyxl-good.xlsx")

# The amount of L2 merged down over L3's row: E3:E4 (exceljs shows 1200000 in both).
workbook, sheet = ledger()
sheet["E4"] = None
sheet.merge_cells("E3:E4")
workbook.save("openpyxl-merged-amount-rows.xlsx")

# L2's amount merged across into the cost type column: E3:F3.
workbook, sheet = ledger()
sheet["F3"] = None
sheet.merge_cells("E3:F3")
workbook.save("openpyxl-merged-across-columns.xlsx")

# A merged header: E1:F1.
workbook, sheet = ledger()
sheet["F1"] = None
sheet.merge_cells("E1:F1")
workbook.save("openpyxl-merged-header.xlsx")

# A hidden first sheet holding another ledger, the real one second.
workbook = openpyxl.Workbook()
workbook.properties.created = datetime.datetime(2025, 4, 1)
workbook.properties.modified = datetime.datetime(2025, 4, 1)
old = workbook.active
old.title = "旧台帳"
old.append(HEADER)
old.append(["X1", "392081", 2025, "cio-aide", 999999999, "compensation", "P9", "宿毛市", "city", True])
old.sheet_state = "hidden"
real = workbook.create_sheet("台帳")
real.append(HEADER)
for row in ROWS:
    real.append(row)
workbook.save("openpyxl-hidden-first-sheet.xlsx")

# Row 3 (L2) hidden; row 4 (L3) folded away by an outline; a hidden column G (人物) with values.
workbook, sheet = ledger()
sheet.row_dimensions[3].hidden = True
sheet.row_dimensions.group(4, 4, outline_level=1, hidden=True)
sheet.column_dimensions["G"].hidden = True
workbook.save("openpyxl-hidden-rows.xlsx")

# L2's amount is a formula openpyxl saves without a value (only a spreadsheet program computes it).
workbook, sheet = ledger()
sheet["E3"] = "=100*12000"
workbook.save("openpyxl-formula-no-value.xlsx")

# Filled as a clerk fills the template: 支出日 as datetimes at midnight (openpyxl writes a date cell
# with a time part of 0:00), one typed as text "2025-07-01 00:00:00", 事業 and 団体区分 by label.
workbook = openpyxl.Workbook()
workbook.properties.created = datetime.datetime(2025, 4, 1)
workbook.properties.modified = datetime.datetime(2025, 4, 1)
sheet = workbook.active
sheet.title = "台帳"
sheet.append(["明細ID", "団体コード", "団体名", "団体区分", "支出日", "事業", "経費区分", "金額", "人物", "facts.advisoryDuties"])
sheet.append(["L1", "392081", "宿毛市", "市", datetime.datetime(2025, 6, 30), "CIO補佐官等外部人材", "compensation", 3600000, "P1", "はい"])
sheet.append(["L2", "392081", None, None, datetime.datetime(2025, 5, 15, 0, 0), "cio-aide", "報酬等（期末手当等を含む）（非常勤）", 1200000, "P2", True])
sheet.append(["L3", "392081", None, None, "2025-07-01 00:00:00", "cio-aide", "compensation", 800000, "P3", True])
workbook.save("openpyxl-datetime-labels.xlsx")

# The same ledger with openpyxl's iso_dates: 支出日 is saved as a date cell (t="d") holding
# "2025-06-30T00:00:00", which exceljs reads as the number 2025 (1905-07-17 under a date format).
workbook.iso_dates = True
workbook.save("openpyxl-iso-dates.xlsx")

# Amounts in 千円 as a clerk's sheet keeps them: L1 holds 3600 shown 「3,600千円」 (read as ¥3,600
# before; refused), L2 holds 1200000 shown 「1,200千円」 by a scaling comma (the same amount: read),
# L3 holds 800000 hidden by ";;;" (refused: nobody sees it).
workbook, sheet = ledger()
sheet["E2"] = 3600
sheet["E2"].number_format = '#,##0"千円"'
sheet["E3"].number_format = '#,##0,"千円"'
sheet["E4"].number_format = ";;;"
workbook.save("openpyxl-number-formats.xlsx")

# A second visible sheet with a month's rows (not read: warned), and the workbook opening on it.
workbook, sheet = ledger()
may = workbook.create_sheet("5月")
may.append(HEADER)
may.append(["M1", "392081", 2025, "cio-aide", 7777, "compensation", "P9", None, None, True])
workbook.active = 1
workbook.save("openpyxl-second-sheet.xlsx")
