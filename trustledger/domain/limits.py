"""How long entered text may be: one set of limits for the pages' forms and the API."""

from __future__ import annotations

from typing import Final

TEXT_MAX: Final = 20_000  # free text: notes, statements, descriptions, reasons
LINE_MAX: Final = 500  # one line: a subject, what is promised
TITLE_MAX: Final = 300  # a title, a measure's name or target
