from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(autouse=True)
def _fast_passwords() -> None:
    """The importers' tests need no Django: this overrides tests/conftest.py's autouse
    fixture of the same name (which needs pytest-django's `settings`) for this folder only,
    so `pytest -p no:django tests/importers` runs."""
