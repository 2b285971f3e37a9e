"""A table of the admin page as CSV, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io

from bot.features.dashboard.api import Table

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def table_csv(table: Table) -> str:
    """The table's headers and rows as CSV; text a spreadsheet would run as a formula is quoted."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow([_cell(value) for value in row])
    return out.getvalue()


def _cell(value: str | int) -> str | int:
    if isinstance(value, str) and len(value) > 1 and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
