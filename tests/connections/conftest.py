"""The `dovecot` and `radicale` fixtures: a real IMAP server and a real CalDAV/CardDAV server
per test (tests/connections/dovecot.py, radicale.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.connections import radicale as dav_server
from tests.connections.dovecot import ABSENT, DOVECOT, Dovecot, running


@pytest.fixture
def dovecot(settings) -> Iterator[Dovecot]:  # type: ignore[no-untyped-def]
    if DOVECOT is None:
        pytest.skip(ABSENT)
    # The test server is on loopback: listed, as an admin lists a company's own mail server.
    settings.TRUSTLEDGER_CONNECTION_HOSTS = ["127.0.0.1", "localhost"]
    with running() as server:
        yield server


@pytest.fixture
def radicale(settings) -> Iterator[dav_server.Radicale]:  # type: ignore[no-untyped-def]
    if not dav_server.PRESENT:
        pytest.skip(dav_server.ABSENT)
    # Listed like the Dovecot server: a company's own server on its own network.
    settings.TRUSTLEDGER_CONNECTION_HOSTS = ["127.0.0.1", "localhost"]
    with dav_server.running() as server:
        yield server
