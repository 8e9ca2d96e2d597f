"""Text folded for search: lower case, accents taken off ("Esterházy" → "esterhazy").

One table, used on both sides of a search: Python folds the query, and the database folds
the column with the same table (SQLite through a registered function, PostgreSQL through
translate()), so both databases find the same records.
"""

from __future__ import annotations

import unicodedata
from typing import Final

# Letters without a decomposition that readers still expect to fold.
_EXTRA: Final = {"ø": "o", "đ": "d", "ł": "l", "ħ": "h", "ı": "i", "ŧ": "t", "ð": "d"}


def _base(char: str) -> str:
    if char in _EXTRA:
        return _EXTRA[char]
    stripped = "".join(
        c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
    )
    return stripped if len(stripped) == 1 else char


def _table() -> tuple[str, str]:
    """Accented letters (both cases) and their plain lower-case letters, one for one."""
    accented, plain = [], []
    # Latin-1 Supplement, Latin Extended-A and -B, Latin Extended Additional (ắ, ộ …).
    ranges = (range(0xC0, 0x250), range(0x1E00, 0x1F00))
    for code in (c for r in ranges for c in r):
        char = chr(code)
        base = _base(char.lower())
        if char in accented or len(char.lower()) != 1:
            continue
        if base != char.lower() and base.isascii() and len(base) == 1:
            accented.append(char)
            plain.append(base)
    return "".join(accented), "".join(plain)


# The database folds with translate(ACCENTED → PLAIN) then lower(): lower() alone leaves
# accented capitals as they are on a PostgreSQL database in the C locale.
ACCENTED, PLAIN = _table()
_TRANSLATION: Final = str.maketrans(ACCENTED, PLAIN)


def fold(text: str) -> str:
    """Lower case without accents: what a search compares."""
    if text.isascii():  # the table maps only letters outside ASCII; translate costs 10× more
        return text.lower()
    return text.translate(_TRANSLATION).lower()


# The parts of a person's search text; a query word never holds this separator.
SEARCH_SEPARATOR: Final = "\n"


def person_search_text(display_name: str, title: str) -> str:
    """What a person is found by, folded once when they are saved: the name, then the title.

    Searching this stored text gives the same hits as folding both columns at each search,
    and an index can hold it (no fold per row at query time)."""
    return fold(display_name) + SEARCH_SEPARATOR + fold(title)


# The characters after which a word of a search text begins (besides its very start).
WORD_STARTS: Final = (" ", "-", "(", SEARCH_SEPARATOR)
