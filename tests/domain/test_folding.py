"""Search folds text the same way in Python and in the database: lower case, no accents."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from trustledger.domain.folding import ACCENTED, PLAIN, fold


def test_it_folds_accents_and_capitals():
    assert fold("Esterházy") == "esterhazy"
    assert fold("ÉCOLE Łódź Øre Ångström") == "ecole lodz ore angstrom"


def test_the_database_table_maps_one_letter_to_one_plain_letter():
    assert len(ACCENTED) == len(PLAIN) == len(set(ACCENTED))
    assert PLAIN.isascii() and PLAIN.lower() == PLAIN


@given(st.text())
def test_folding_twice_changes_nothing_more_and_keeps_ascii_letters_lower(text):
    folded = fold(text)
    assert fold(folded) == folded
    assert (
        fold(text.encode("ascii", "ignore").decode())
        == text.encode("ascii", "ignore").decode().lower()
    )
