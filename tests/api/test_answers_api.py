"""Answering back through the API, per persona: same rules as the pages (404 out of scope,
403 the wrong side, a viewer or a read-only token, 422 naming the field, nothing written)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.answers_cast import AT, build
from tests.api.conftest import Api
from trustledger.api.tokens import create_token
from trustledger.ledger import answers
from trustledger.ledger import models as m

PEOPLE = ("tobias", "priya", "margit", "oskar", "ines", "mo", "admin")
THEIRS = {
    "margit": 201,
    "oskar": 201,
    "tobias": 403,
    "priya": 403,
    "ines": 403,
    "mo": 404,
    "admin": 403,
}
OURS = {
    "tobias": 201,
    "admin": 201,
    "priya": 403,
    "ines": 403,
    "margit": 403,
    "oskar": 403,
    "mo": 404,
}


@pytest.fixture
def c(db):  # type: ignore[no-untyped-def]
    return build()


def api(c, who: str, scope: str = "read_write") -> Api:  # type: ignore[no-untyped-def]
    _, plain = create_token(getattr(c, who), name="test", scope=scope)
    return Api(plain)


def answered(c):  # type: ignore[no-untyped-def]
    item = answers.give_feedback(c.rel, person=None, user=c.oskar, summary="Slow", at=AT)
    answers.answer_feedback(item, response="Faster", user=c.tobias, at=AT + timedelta(days=1))
    return item


def ok(status: int) -> int:
    return 200 if status == 201 else status


@pytest.mark.parametrize("who", PEOPLE)
def test_giving_feedback(c, who) -> None:  # type: ignore[no-untyped-def]
    r = api(c, who).post(f"/relationships/{c.rel.pk}/feedback/given", {"summary": "Tell us sooner"})
    assert r.status_code == THEIRS[who]
    if r.status_code == 201:
        assert r.json()["given_directly"] is True
    assert m.FeedbackItem.objects.exists() == (r.status_code == 201)


@pytest.mark.parametrize("who", PEOPLE)
def test_answering_feedback(c, who) -> None:  # type: ignore[no-untyped-def]
    item = answers.give_feedback(c.rel, person=None, user=c.oskar, summary="x", at=AT)
    r = api(c, who).post(f"/feedback/{item.pk}/answer", {"response": "We changed it"})
    assert r.status_code == ok(OURS[who])
    item.refresh_from_db()
    assert (item.loop_closed_at is not None) == (r.status_code == 200)


@pytest.mark.parametrize("who", PEOPLE)
def test_seeing_closed_and_reopening(c, who) -> None:  # type: ignore[no-untyped-def]
    item = answered(c)
    client = api(c, who)
    r = client.post(f"/feedback/{item.pk}/seen-closed", {})
    assert r.status_code == ok(THEIRS[who])
    if r.status_code == 200:
        assert r.json()["seen_closed_by_id"] == getattr(c, who).person_id
    r = client.post(f"/feedback/{item.pk}/reopen", {"comment": "Still slow"})
    assert r.status_code == ok(THEIRS[who])
    item.refresh_from_db()
    assert (item.reopened_at is not None) == (r.status_code == 200)


@pytest.mark.parametrize("who", PEOPLE)
def test_asking_and_raising_a_need(c, who) -> None:  # type: ignore[no-untyped-def]
    client = api(c, who)
    r = client.post(f"/relationships/{c.rel.pk}/help-asks", {"note": "Before the audit"})
    assert r.status_code == OURS[who]
    r = client.post(f"/relationships/{c.rel.pk}/needs/raised", {"description": "Audit logs"})
    assert r.status_code == THEIRS[who]
    assert m.Need.objects.exists() == (THEIRS[who] == 201)


LEVEL = {
    "tobias": 201,
    "admin": 201,
    "margit": 201,
    "oskar": 201,
    "priya": 403,
    "ines": 403,
    "mo": 404,
}
READ = {
    "tobias": 200,
    "admin": 200,
    "margit": 200,
    "oskar": 200,
    "priya": 200,
    "ines": 200,
    "mo": 404,
}


@pytest.mark.parametrize("who", PEOPLE)
def test_stating_and_reading_levels(c, who) -> None:  # type: ignore[no-untyped-def]
    client = api(c, who)
    r = client.post(f"/relationships/{c.rel.pk}/levels/stated", {"level": 2, "reason": "We fix"})
    assert r.status_code == LEVEL[who]
    if r.status_code == 201:
        assert r.json()["side"] == ("theirs" if who in ("margit", "oskar") else "ours")
    r = client.get(f"/relationships/{c.rel.pk}/answering-back")
    assert r.status_code == READ[who]


def test_the_gap_reads_the_same_for_both_sides(c) -> None:  # type: ignore[no-untyped-def]
    answers.state_level(c.rel, side="ours", level=4, reason="Partners", user=c.tobias, at=AT)
    answers.state_level(c.rel, side="theirs", level=2, reason="Fixers", user=c.margit, at=AT)
    for who in ("tobias", "margit"):
        body = api(c, who, "read").get(f"/relationships/{c.rel.pk}/answering-back").json()
        assert body["gap"] == 2 and body["ours"]["level"] == 4 and body["theirs"]["level"] == 2
        assert "problem solver" in body["gap_step"]


def test_a_read_only_token_writes_nothing(c) -> None:  # type: ignore[no-untyped-def]
    r = api(c, "margit", "read").post(f"/relationships/{c.rel.pk}/feedback/given", {"summary": "x"})
    assert r.status_code == 403
    assert not m.FeedbackItem.objects.exists()


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("feedback/given", {"summary": ""}, "summary"),
        ("feedback/given", {"summary": "x", "sentiment": "furious"}, "sentiment"),
        ("needs/raised", {"description": "x", "kind": "wish"}, "kind"),
        ("levels/stated", {"level": 9, "reason": "x"}, "level"),
        ("levels/stated", {"level": 2, "reason": " "}, "reason"),
    ],
)
def test_a_bad_value_names_the_field(c, path, body, field) -> None:  # type: ignore[no-untyped-def]
    r = api(c, "oskar").post(f"/relationships/{c.rel.pk}/{path}", body)
    assert r.status_code == 422
    assert field in {e["field"] for e in r.json()["errors"]}
    assert not m.FeedbackItem.objects.exists() and not m.Need.objects.exists()
    assert not m.LevelStatement.objects.exists()


def test_seeing_an_unanswered_loop_closed_is_refused(c) -> None:  # type: ignore[no-untyped-def]
    item = answers.give_feedback(c.rel, person=None, user=c.oskar, summary="x", at=AT)
    r = api(c, "margit").post(f"/feedback/{item.pk}/seen-closed", {})
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "feedback"


def test_the_endpoints_are_in_the_openapi_document(c) -> None:  # type: ignore[no-untyped-def]
    paths = api(c, "margit", "read").get("/openapi.json").json()["paths"]
    for path in [
        "/api/v1/relationships/{relationship_id}/answering-back",
        "/api/v1/relationships/{relationship_id}/feedback/given",
        "/api/v1/feedback/{feedback_id}/answer",
        "/api/v1/feedback/{feedback_id}/seen-closed",
        "/api/v1/feedback/{feedback_id}/reopen",
        "/api/v1/relationships/{relationship_id}/help-asks",
        "/api/v1/relationships/{relationship_id}/needs/raised",
        "/api/v1/relationships/{relationship_id}/levels/stated",
    ]:
        assert path in paths, path
