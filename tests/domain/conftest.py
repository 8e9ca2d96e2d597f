"""Domain tests need no database and no Django: shadow the shared autouse fixture that
needs pytest-django, so this folder also runs with `-p no:django`."""

import pytest


@pytest.fixture(autouse=True)
def _fast_passwords() -> None:
    """The domain hashes no passwords."""
