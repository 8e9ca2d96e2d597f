"""Cells a spreadsheet would run as a formula (CSV injection), guarded on export and read back.

A name, a subject or a campaign title someone typed travels in our CSV files to a colleague's
spreadsheet, which runs a cell that starts with = + - @ (or a tab or carriage return before
one) as a formula: a link that sends the sheet away, or a command. Every text cell we write
that starts so gets a leading apostrophe, which spreadsheets show as text and hide; our own
CSV importer takes it off again, so an export imports back unchanged. Numbers are left alone
(a negative alpha stays a number).
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"
# `unguarded` as a regular expression over whole columns (polars' str.replace, "$1").
UNGUARD_PATTERN = "^" + GUARD + "([" + "".join(f"\\x{ord(c):02x}" for c in FORMULA_STARTS) + "])"


def guarded(value: object) -> object:
    """The value to write in a CSV cell."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return GUARD + value
    return value


def unguarded(cell: str) -> str:
    """A cell as read: without the apostrophe `guarded` put before a formula start."""
    if cell.startswith(GUARD) and cell[1:].startswith(FORMULA_STARTS):
        return cell[1:]
    return cell
