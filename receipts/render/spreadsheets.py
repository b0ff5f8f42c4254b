"""Tables as files people open in a spreadsheet: CSV (UTF-8 with a BOM, for Excel) and XLSX (openpyxl)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

Value = str | int | float | None
# A text cell starting with one of these would run as a formula in a spreadsheet (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(value: Value) -> Value:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_bytes(headers: Sequence[str], rows: Sequence[Sequence[Value]]) -> bytes:
    """Return the table as CSV in UTF-8 with a byte-order mark, so that Excel reads Vietnamese right."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows([[_safe(v) for v in row] for row in rows])
    return out.getvalue().encode("utf-8-sig")


def xlsx_bytes(title: str, headers: Sequence[str], rows: Sequence[Sequence[Value]]) -> bytes:
    """Return the table as one XLSX sheet: bold headers, numbers as numbers, text never as a formula."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_sheet_title(title))
    bold = Font(bold=True)
    head = []
    for text in headers:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        head.append(cell)
    sheet.append(head)
    for row in rows:
        sheet.append([_cell(sheet, v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(sheet: object, value: Value) -> WriteOnlyCell | Value:
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"  # openpyxl would otherwise take a leading '=' as a formula
        return cell
    return value


def _sheet_title(title: str) -> str:
    # Excel refuses these characters in a sheet's name and names longer than 31.
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in title)
    return cleaned[:31] or "Sheet1"
