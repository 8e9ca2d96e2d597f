"""Web page fixtures: the demo organization loaded, and a fresh report cache per test."""

from __future__ import annotations

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():  # type: ignore[no-untyped-def]
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def demo(db):  # type: ignore[no-untyped-def]
    from trustledger.demo.load import load_demo

    load_demo()


@pytest.fixture
def demo_client(client, demo):  # type: ignore[no-untyped-def]
    """A client logged in as a demo user: demo_client("tobias")."""
    from trustledger.accounts.models import User

    def login(username: str = "admin"):  # type: ignore[no-untyped-def]
        client.force_login(User.objects.get(username=username))
        return client

    return login
