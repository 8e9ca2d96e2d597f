"""Answering back on the web, per persona: the answering-back page, its POST-only forms,
the blocks on the relationship page, record page and homes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client

from tests.answers_cast import AT, build
from trustledger.ledger import answers
from trustledger.ledger import models as m

PEOPLE = ("tobias", "priya", "margit", "oskar", "ines", "mo", "admin")


@pytest.fixture
def c(db):  # type: ignore[no-untyped-def]
    return build()


def client_of(c, who: str) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(getattr(c, who))
    return client


def answered(c):  # type: ignore[no-untyped-def]
    item = answers.give_feedback(
        c.rel, person=None, user=c.oskar, summary="Slow at month-end", at=AT
    )
    answers.answer_feedback(
        item, response="Month-end first", user=c.tobias, at=AT + timedelta(days=1)
    )
    return item


# Who may open the answering-back page: both sides (any role); nobody else.
PAGE = {
    "tobias": 200,
    "priya": 200,
    "margit": 200,
    "oskar": 200,
    "ines": 200,
    "mo": 404,
    "admin": 200,
}


@pytest.mark.parametrize("who", PEOPLE)
def test_the_answering_back_page_is_for_both_sides_only(c, who) -> None:  # type: ignore[no-untyped-def]
    response = client_of(c, who).get(f"/relationships/{c.rel.pk}/answers/")
    assert response.status_code == PAGE[who]


def test_the_other_side_sees_its_forms_and_the_serving_side_its_own(c) -> None:  # type: ignore[no-untyped-def]
    answered(c)
    theirs = client_of(c, "margit").get(f"/relationships/{c.rel.pk}/answers/?format=json").json()
    a = theirs["answers"]
    assert a["side"] == "theirs" and a["give_feedback_url"] and a["raise_need_url"]
    assert a["ask_url"] is None and a["feedback"][0]["seen_url"] and a["feedback"][0]["reopen_url"]
    ours = client_of(c, "tobias").get(f"/relationships/{c.rel.pk}/answers/?format=json").json()
    a = ours["answers"]
    assert a["side"] == "ours" and a["ask_url"] and a["give_feedback_url"] is None
    assert a["feedback"][0]["seen_url"] is None
    viewer = client_of(c, "ines").get(f"/relationships/{c.rel.pk}/answers/?format=json").json()
    a = viewer["answers"]
    assert not any(
        [a["ask_url"], a["give_feedback_url"], a["raise_need_url"], a["state_level_url"]]
    )


# (url suffix, data, {who: status}) — 302 is done (redirect back), 403 refused in scope.
THEIRS = {
    "margit": 302,
    "oskar": 302,
    "tobias": 403,
    "priya": 403,
    "ines": 403,
    "mo": 404,
    "admin": 403,
}
OURS = {
    "tobias": 302,
    "admin": 302,
    "priya": 403,
    "ines": 403,
    "margit": 403,
    "oskar": 403,
    "mo": 404,
}


@pytest.mark.parametrize("who", PEOPLE)
def test_giving_feedback(c, who) -> None:  # type: ignore[no-untyped-def]
    url = f"/relationships/{c.rel.pk}/answers/feedback/"
    response = client_of(c, who).post(url, {"summary": "Tell us sooner", "sentiment": "negative"})
    assert response.status_code == THEIRS[who]
    assert m.FeedbackItem.objects.filter(given_directly=True).exists() == (THEIRS[who] == 302)


@pytest.mark.parametrize("who", PEOPLE)
def test_seeing_a_loop_closed(c, who) -> None:  # type: ignore[no-untyped-def]
    item = answered(c)
    response = client_of(c, who).post(f"/feedback/{item.pk}/seen/")
    assert response.status_code == THEIRS[who]
    item.refresh_from_db()
    assert (item.seen_closed_at is not None) == (THEIRS[who] == 302)


@pytest.mark.parametrize("who", PEOPLE)
def test_reopening_a_loop(c, who) -> None:  # type: ignore[no-untyped-def]
    item = answered(c)
    response = client_of(c, who).post(f"/feedback/{item.pk}/reopen/", {"comment": "Still slow"})
    assert response.status_code == THEIRS[who]
    item.refresh_from_db()
    assert (item.loop_closed_at is None) == (THEIRS[who] == 302)


@pytest.mark.parametrize("who", PEOPLE)
def test_asking_how_can_i_help(c, who) -> None:  # type: ignore[no-untyped-def]
    response = client_of(c, who).post(f"/relationships/{c.rel.pk}/answers/ask/", {"note": "x"})
    assert response.status_code == OURS[who]
    assert m.HelpAsk.objects.exists() == (OURS[who] == 302)


@pytest.mark.parametrize("who", PEOPLE)
def test_raising_a_need(c, who) -> None:  # type: ignore[no-untyped-def]
    url = f"/relationships/{c.rel.pk}/answers/need/"
    response = client_of(c, who).post(url, {"description": "Audit logs", "kind": "need"})
    assert response.status_code == THEIRS[who]
    assert m.Need.objects.exists() == (THEIRS[who] == 302)


LEVEL = {
    "tobias": 302,
    "admin": 302,
    "margit": 302,
    "oskar": 302,
    "priya": 403,
    "ines": 403,
    "mo": 404,
}


@pytest.mark.parametrize("who", PEOPLE)
def test_stating_a_level_for_ones_own_side(c, who) -> None:  # type: ignore[no-untyped-def]
    url = f"/relationships/{c.rel.pk}/answers/level/"
    response = client_of(c, who).post(url, {"level": "3", "reason": "They ask us why"})
    assert response.status_code == LEVEL[who]
    stated = m.LevelStatement.objects.first()
    assert (stated is not None) == (LEVEL[who] == 302)
    if stated is not None:
        assert stated.side == ("theirs" if who in ("margit", "oskar") else "ours")


def test_the_forms_take_post_only(c) -> None:  # type: ignore[no-untyped-def]
    item = answered(c)
    margit = client_of(c, "margit")
    for url in [
        f"/relationships/{c.rel.pk}/answers/feedback/",
        f"/relationships/{c.rel.pk}/answers/need/",
        f"/relationships/{c.rel.pk}/answers/level/",
        f"/relationships/{c.rel.pk}/answers/ask/",
        f"/feedback/{item.pk}/seen/",
        f"/feedback/{item.pk}/reopen/",
    ]:
        assert margit.get(url).status_code == 405


def test_the_forms_need_the_csrf_token(c) -> None:  # type: ignore[no-untyped-def]
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(c.margit)
    response = strict.post(f"/relationships/{c.rel.pk}/answers/feedback/", {"summary": "x"})
    assert response.status_code == 403
    assert not m.FeedbackItem.objects.exists()


@pytest.mark.parametrize(
    ("url", "data", "field"),
    [
        ("feedback", {"summary": "  "}, "summary"),
        ("feedback", {"summary": "x", "sentiment": "furious"}, "sentiment"),
        ("feedback", {"summary": "x" * 20001}, "summary"),
        ("need", {"description": "x", "kind": "wish"}, "kind"),
        ("need", {"description": ""}, "description"),
        ("level", {"level": "9", "reason": "x"}, "level"),
        ("level", {"level": "two", "reason": "x"}, "level"),
        ("level", {"level": "2", "reason": ""}, "reason"),
    ],
)
def test_a_bad_value_is_a_400_naming_the_field_and_nothing_is_written(c, url, data, field) -> None:  # type: ignore[no-untyped-def]
    path = f"/relationships/{c.rel.pk}/answers/{url}/?format=json"
    response = client_of(c, "oskar").post(path, data)
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == field
    assert not m.FeedbackItem.objects.exists() and not m.Need.objects.exists()
    assert not m.LevelStatement.objects.exists()


def test_seeing_an_unanswered_loop_closed_is_a_400(c) -> None:  # type: ignore[no-untyped-def]
    item = answers.give_feedback(c.rel, person=None, user=c.oskar, summary="x", at=AT)
    response = client_of(c, "margit").post(f"/feedback/{item.pk}/seen/?format=json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "feedback"


def test_a_need_shows_on_both_homes_until_done(c) -> None:  # type: ignore[no-untyped-def]
    answers.ask_how_can_i_help(c.rel, user=c.tobias, at=AT)
    need = answers.raise_need(c.rel, person=None, user=c.margit, description="Audit logs", at=AT)
    for who, sees in [("tobias", True), ("margit", True), ("oskar", True), ("mo", False)]:
        home = client_of(c, who).get("/?format=json").json()
        assert [n["id"] for n in home["open_needs"]] == ([need.pk] if sees else []), who
    html = client_of(c, "margit").get("/").content.decode()
    assert 'data-testid="open-need"' in html and "Audit logs" in html
    need.status = m.NeedStatus.MET
    need.save()
    assert client_of(c, "margit").get("/?format=json").json()["open_needs"] == []


def test_the_relationship_page_shows_the_blocks_and_the_gap(c) -> None:  # type: ignore[no-untyped-def]
    answers.state_level(c.rel, side="ours", level=3, reason="We think along", user=c.tobias, at=AT)
    answers.state_level(c.rel, side="theirs", level=2, reason="They fix", user=c.margit, at=AT)
    page = client_of(c, "tobias").get(f"/relationships/{c.rel.pk}/")
    html = page.content.decode()
    for block in ("answers-feedback", "answers-needs", "answers-levels", "level-gap"):
        assert f'data-testid="{block}"' in html
    data = client_of(c, "tobias").get(f"/relationships/{c.rel.pk}/?format=json").json()
    kinds = [a["kind"] for a in data["report"]["actions"]]
    assert "close_level_gap" in kinds
    gap = next(a for a in data["report"]["actions"] if a["kind"] == "close_level_gap")
    assert gap["do"]["url"].endswith("#answers-levels")


def test_the_feedback_record_offers_the_other_side_seen_and_reopen(c) -> None:  # type: ignore[no-untyped-def]
    item = answered(c)
    theirs = client_of(c, "margit").get(f"/records/feedback/{item.pk}/?format=json").json()
    labels = [b["label"] for b in theirs["buttons"]]
    assert "Seen closed" in labels and "Reopen the loop" in labels
    ours = client_of(c, "tobias").get(f"/records/feedback/{item.pk}/?format=json").json()
    assert "Seen closed" not in [b["label"] for b in ours["buttons"]]


def test_answering_through_the_close_form_waits_for_them_again(c) -> None:  # type: ignore[no-untyped-def]
    item = answers.give_feedback(c.rel, person=None, user=c.oskar, summary="x", at=AT)
    response = client_of(c, "tobias").post(
        f"/feedback/{item.pk}/close/", {"what_changed": "We changed it", "closed_on": "2026-09-02"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.loop_closed_at is not None and item.seen_closed_at is None
    assert client_of(c, "oskar").get(f"/feedback/{item.pk}/close/").status_code == 403
