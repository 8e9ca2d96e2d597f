"""Every entry form answers hostile POST values with a form error, never a 500 (the query-value
sweep, tests/web/test_hostile_params.py, covers GET only).

Each field of each form gets, one at a time on an otherwise valid submission, ids of dozens and
thousands of digits, negative and non-numeric ids, markup, NUL bytes, text far past its limit
and extreme dates. A value out of range is refused on its field; nothing is written.
"""

from __future__ import annotations

import pytest
from django.test import Client

from tests.web.test_entry import World
from tests.web.test_entry_access import RECORDS, _valid
from trustledger.web.entry.quick import KINDS

pytestmark = pytest.mark.django_db

HOSTILE = [
    "9" * 30,
    "9" * 5000,
    "-1",
    "12abc",
    "<script>alert(1)</script>",
    "a\x00b",
    "x" * 100_000,
    "0001-01-01",
    "9999-12-31",
    "1e309",
    "NaN",
]
# The days a form takes: those the query parser and the API take (trustledger/web/params.py).
OUT_OF_RANGE_DAYS = ["0001-01-01", "1899-12-31", "2200-01-01", "9999-12-31"]


@pytest.fixture
def world(cast):  # type: ignore[no-untyped-def]
    return World(cast)


def _fields(client: Client, slug: str, rel: int) -> list[str]:
    page = client.get(f"/entry/{slug}/?relationship={rel}&format=json").json()
    return [f["name"] for f in page["form"]["fields"]]


@pytest.mark.parametrize("slug", list(KINDS))
def test_no_hostile_post_value_gives_a_500_or_writes_a_record(world, slug):
    client = world.client("it_manager")
    client.raise_request_exception = False
    rel = world.rel_ben.pk
    for field in _fields(client, slug, rel):
        if field == "relationship":
            continue  # the relationship is read at the edge: tests/web/test_entry_access.py
        for value in HOSTILE:
            data = {**_valid(world, slug), field: value}
            response = client.post(f"/entry/{slug}/?relationship={rel}", data)
            assert response.status_code in (200, 302), (field, value[:20], response.status_code)
            if response.status_code == 302:
                # Accepted: only where the value is fine for that field (a plain text).
                assert value not in OUT_OF_RANGE_DAYS or "_on" not in field, (field, value)
                for model in RECORDS:
                    model.objects.all().delete()


@pytest.mark.parametrize("day", OUT_OF_RANGE_DAYS)
def test_a_date_outside_the_years_every_edge_takes_is_refused_on_its_field(world, day):
    client = world.client("it_manager")
    data = {**_valid(world, "commitment"), "due_on": day}
    response = client.post(f"/entry/commitment/?relationship={world.rel_ben.pk}", data)
    assert response.status_code == 200
    assert "due_on" in response.context["form"].errors
    data = {**_valid(world, "interaction"), "occurred_on": day}
    response = client.post(f"/entry/interaction/?relationship={world.rel_ben.pk}", data)
    assert "occurred_on" in response.context["form"].errors
