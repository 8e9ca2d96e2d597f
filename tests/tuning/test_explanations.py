"""Explanations say which settings they were computed with (docs/settings.md): the version in
force, today's also for a past date; the link to the history only for admins. And a saved
change reaches the pages at once: no report computed with the old settings is served again."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from trustledger.demo import cast as story
from trustledger.ledger.models import Relationship
from trustledger.tuning import store

pytestmark = pytest.mark.django_db
AS_OF = f"?as_of={story.DEMO_END.date().isoformat()}"


@pytest.fixture(autouse=True)
def _fresh():  # type: ignore[no-untyped-def]
    cache.clear()
    store.forget()
    yield
    store.forget()
    cache.clear()


@pytest.fixture
def demo(db):  # type: ignore[no-untyped-def]
    from trustledger.demo.load import load_demo

    load_demo()


def _client(username: str):  # type: ignore[no-untyped-def]
    from django.test import Client

    from trustledger.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def test_the_explanation_names_the_settings_and_follows_a_saved_change(
    demo, django_capture_on_commit_callbacks
):
    from trustledger.accounts.models import User

    rel = Relationship.objects.get(purpose__startswith="Keep Finance")
    url = f"/explain/relationship/{rel.pk}/health/{AS_OF}"
    admin, tobias = _client("admin"), _client("tobias")
    before = admin.get(url + "&format=json").json()
    assert before["settings"]["version"] is None
    assert "defaults" in before["settings"]["text"]
    page = tobias.get(url)
    assert b"Settings: the defaults" in page.content
    assert b"also for a past date" in page.content

    with django_capture_on_commit_callbacks(execute=True):
        version = store.save(
            {"health.weights.trust": 0, "health.weights.reliability": 0},
            "Health without survey trust",
            User.objects.get(username="admin"),
        )
    after = admin.get(url + "&format=json").json()
    assert after["settings"]["version"] == version.pk
    assert after["settings"]["url"] == f"/settings/history/#v{version.pk}"
    assert "weight of trust 0" in after["settings"]["text"]
    assert tobias.get(url + "&format=json").json()["settings"]["url"] is None
    # The same day, read again: computed anew with the stored weights, not the cached figure.
    # Health is the weighted mean of the measures it has (docs/formulas.md), trust and
    # reliability now weigh 0.
    weights = store.current().health.weights
    measures = {k: v for k, v in after["explanation"]["inputs"].items() if v is not None}
    assert after["explanation"]["inputs"]["trust"] is None
    expected = (
        100 * sum(weights[k] * v for k, v in measures.items()) / sum(weights[k] for k in measures)
    )
    assert after["value"] == pytest.approx(expected)
    assert after["value"] != pytest.approx(before["value"])
