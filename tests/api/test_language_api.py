"""POST /api/v1/language/check: any caller reads a draft; bad input is 422 naming the field."""

from __future__ import annotations

import pytest

from tests.api.conftest import PERSONAS, Api
from trustledger.domain.limits import TEXT_MAX

pytestmark = pytest.mark.django_db

DRAFT = (
    "Hi Margit,\n\nI will send the export by Friday. We'll try to fix the report. "
    "I hope to visit in spring.\n\n"
    "On Mon, 2 Mar 2026, Margit wrote:\n> I will pay the invoice tomorrow.\n"
)
AT = "2026-03-03T09:00"  # a Tuesday


def test_the_anonymous_are_refused():
    response = Api(None).post("/language/check", {"text": DRAFT})
    assert response.status_code == 401


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_member_may_check_a_draft(as_user, persona):
    response = as_user(persona).post(
        "/language/check", {"text": DRAFT, "written_at": AT, "time_zone": "Europe/Vienna"}
    )
    assert response.status_code == 200, response.content
    found = response.json()
    strengths = [s["strength"] for s in found["sentences"]]
    # The greeting is set aside with the quoted message: three sentences are read.
    assert strengths == ["commitment", "best_effort", "good_intention"]
    export = found["sentences"][0]
    assert export["due"] == {
        "on": "2026-03-06",
        "words": "Friday",
        "rule": export["due"]["rule"],
    }
    cue = export["cues"][0]
    assert export["text"][cue["start"] : cue["end"]] == cue["words"]
    assert "reads as a best effort" in found["sentences"][1]["suggestion"]
    assert found["time_zone"] == "Europe/Vienna"


def test_a_quoted_promise_is_set_aside_not_read(as_user):
    found = as_user("it_member").post("/language/check", {"text": DRAFT}).json()
    assert not any("invoice" in s["text"] for s in found["sentences"])
    assert "quote" in [z["kind"] for z in found["removed"]]
    assert any("invoice" in z["text"] for z in found["removed"] if z["kind"] == "quote")


def test_a_read_only_token_is_refused_like_on_every_post(as_user):
    response = as_user("it_member_read").post("/language/check", {"text": DRAFT})
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"text": ""}, "text"),
        ({"text": "   \n "}, "text"),
        ({"text": "x" * (TEXT_MAX + 1)}, "text"),
        ({"text": "I will.", "time_zone": "Mars/Olympus"}, "time_zone"),
        ({"text": "I will.", "written_at": "next week"}, "written_at"),
        ({"text": "I will.", "written_at": "2026-13-40T09:00"}, "written_at"),
        ({"text": "I will.", "written_at": "0001-01-01T09:00"}, "written_at"),
        ({}, "text"),
    ],
)
def test_bad_input_is_422_naming_the_field(as_user, body, field):
    response = as_user("it_member").post("/language/check", body)
    assert response.status_code == 422, response.content
    errors = response.json()["errors"]
    assert {e["field"] for e in errors} == {field}
    assert all(e["reason"] for e in errors)


def test_a_time_without_an_offset_is_utc_and_dates_are_read_in_the_zone(as_user):
    body = {"text": "I will call you tomorrow.", "written_at": "2026-03-03T23:30"}
    found = as_user("it_member").post("/language/check", {**body, "time_zone": "Asia/Tokyo"})
    # 23:30 UTC on Tuesday is Wednesday morning in Tokyo: tomorrow is Thursday.
    assert found.json()["sentences"][0]["due"]["on"] == "2026-03-05"


def test_the_endpoint_is_in_the_api_document():
    schema = Api(None).get("/openapi.json").json()
    assert "post" in schema["paths"]["/api/v1/language/check"]
