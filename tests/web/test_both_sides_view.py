"""The counterpart's view of a relationship, per demo persona (docs/both-sides.md).

IT ↔ Finance is kept by IT (tobias manages IT); Finance stands on its other side (margit
manages Finance, oskar is a member). lena is a Marketing member (a third unit for IT ↔
Finance, the other side of IT ↔ Marketing), priya a member of an IT team (IT's relationships
are her unit's parent's), ines a viewer of the Executive unit.
"""

from __future__ import annotations

import re

import pytest

from trustledger.ledger import models as m

pytestmark = pytest.mark.django_db

PRIVATE_SUBJECT = "Internal: how we tell Finance the forecast slips"
OPEN_TO_FINANCE = "Send Finance the 2027 IT cost forecast per cost centre"
OPEN_BY_FINANCE = "Send IT the cost-centre list for 2027"
# What only the serving side's page shows (scores, survey numbers, reserve, indicators).
SERVING_ONLY = ["Trust of our side", "Trust reserve", "Health", "Attention", "Next actions"]

# persona → what /relationships/<IT ↔ Finance>/ answers: the serving page, the view, or 404.
IT_FINANCE = {
    "admin": "serving",
    "tobias": "serving",
    "margit": "theirs",
    "oskar": "theirs",
    "lena": 404,
    "priya": 404,
    "ines": 404,
}


def rel(name: str) -> m.Relationship:
    return next(r for r in m.Relationship.objects.all() if str(r) == name)


def text(response) -> str:  # type: ignore[no-untyped-def]
    return response.content.decode()


@pytest.mark.parametrize("persona", sorted(IT_FINANCE))
def test_who_sees_which_page_of_it_finance(demo_client, persona):
    expected = IT_FINANCE[persona]
    response = demo_client(persona).get(f"/relationships/{rel('IT ↔ Finance').pk}/")
    if expected == 404:
        assert response.status_code == 404
        return
    assert response.status_code == 200
    page = text(response)
    assert ('data-testid="their-side"' in page) == (expected == "theirs")
    assert ("Trust reserve" in page) == (expected == "serving")


@pytest.mark.parametrize("persona", ["margit", "oskar"])
def test_finance_reads_the_promises_of_both_directions(demo_client, persona):
    page = text(demo_client(persona).get(f"/relationships/{rel('IT ↔ Finance').pk}/"))
    to_us = page.split('data-testid="promises-to-us"')[1].split("</section>")[0]
    by_us = page.split('data-testid="promises-by-us"')[1].split("</section>")[0]
    assert OPEN_TO_FINANCE in to_us and OPEN_BY_FINANCE not in to_us
    assert OPEN_BY_FINANCE in by_us and OPEN_TO_FINANCE not in by_us
    # Closed ones too, with their state and due date.
    assert "Deliver the budget dashboard" in to_us
    assert re.search(r"due <span[^>]*>2026-01-09", to_us)
    assert 'data-state="broken"' in to_us


@pytest.mark.parametrize("persona", ["margit", "oskar"])
def test_finance_never_reads_the_serving_sides_own(demo_client, persona):
    client = demo_client(persona)
    pk = rel("IT ↔ Finance").pk
    page = text(client.get(f"/relationships/{pk}/"))
    data = client.get(f"/relationships/{pk}/?format=json").json()
    assert PRIVATE_SUBJECT not in page and PRIVATE_SUBJECT not in str(data)
    for heading in SERVING_ONLY:
        assert f">{heading}" not in page
    # No score, survey number, reserve, indicator or incident in the JSON either.
    for key in ("report", "reserve_chart", "reserve_moves", "attention_relative", "history"):
        assert key not in data
    assert not re.search(r"survey|raters|reserve|indicator|incident", str(data.keys()))
    # No serving-side button: no log, edit or level move.
    assert "/entry/?relationship=" not in page and "/edit/" not in page
    assert 'data-testid="act-level-move"' not in page


def test_the_private_note_opens_on_the_serving_side_only(demo_client):
    note = m.Interaction.objects.get(subject=PRIVATE_SUBJECT)
    assert demo_client("tobias").get(f"/records/interaction/{note.pk}/").status_code == 200
    assert demo_client("margit").get(f"/records/interaction/{note.pk}/").status_code == 404
    page = text(demo_client("tobias").get(f"/relationships/{rel('IT ↔ Finance').pk}/"))
    assert PRIVATE_SUBJECT in page


def test_the_serving_sides_page_is_unchanged(demo_client):
    page = text(demo_client("tobias").get(f"/relationships/{rel('IT ↔ Finance').pk}/"))
    for heading in ("Trust of our side", "Trust reserve", "Open commitments", "Timeline"):
        assert heading in page
    assert 'data-testid="their-side"' not in page
    data = demo_client("tobias").get(f"/relationships/{rel('IT ↔ Finance').pk}/?format=json")
    assert {"report", "reserve_chart", "timeline", "open_commitments"} <= data.json().keys()


def test_the_view_shows_what_finance_said_and_what_it_got(demo_client):
    data = demo_client("margit").get(f"/relationships/{rel('IT ↔ Finance').pk}/?format=json")
    view = data.json()
    assert view["side"] == "theirs" and view["may_answer"] is True
    feedback = {f["summary"]: f for f in view["feedback"]}
    closed = feedback["We do not know what IT is working on or when it will land."]
    assert closed["loop_closed_at"]
    assert {a["name"] for a in view["measures"]} == {
        "Invoice export failures per month",
        "Working days to close",
    }
    assert len(view["reviews"]) == 6
    hows = {d["title"]: d["how"] for d in view["decisions"]}
    assert hows["Change the ERP licence model"] == "surprised"
    assert hows["Freeze changes in month-end week"] == "told_before"
    # The need met long ago, and the one Finance raised when IT asked "how can I help?".
    assert {n["status"] for n in view["needs"]} == {"met", "open"}
    assert view["level"]["recorded"] == "Problem solver"
    assert view["level"]["recorded_by"] == "IT"


def test_a_viewer_who_is_the_counterpart_in_person_answers_for_herself(demo_client):
    """ines views the Executive unit, and her person is the counterpart of Tobias ↔ Ines:
    her viewer role takes nothing from her own word on promises made to her."""
    response = demo_client("ines").get(
        f"/relationships/{rel('Tobias Reinholt ↔ Ines Okonkwo-Brandt').pk}/?format=json"
    )
    assert response.status_code == 200
    assert response.json()["side"] == "theirs" and response.json()["may_answer"] is True


def test_the_view_names_no_page_the_reader_may_not_open(demo_client):
    """IT's people and IT itself are plain text for margit; records link to their pages."""
    client = demo_client("margit")
    page = text(client.get(f"/relationships/{rel('IT ↔ Finance').pk}/"))
    hrefs = set(re.findall(r'href="(/[^"]*)"', page))
    for href in hrefs:
        if href.startswith(("/records/", "/relationships/", "/units/", "/people/")):
            assert client.get(href).status_code == 200, href


def test_record_pages_name_the_relationship_for_the_other_side(demo_client):
    promise = m.Commitment.objects.get(what=OPEN_TO_FINANCE)
    page = text(demo_client("margit").get(f"/records/commitment/{promise.pk}/"))
    assert f'href="/relationships/{promise.relationship_id}/"' in page
    page = text(demo_client("lena").get("/commitments/"))
    assert OPEN_TO_FINANCE not in page


@pytest.mark.parametrize("persona", ["margit", "oskar"])
def test_finance_home_shows_what_they_owe_us_and_what_we_owe_them(demo_client, persona):
    page = text(demo_client(persona).get("/"))
    assert "No relationships yet" not in page
    owed = page.split('data-testid="they-owe-us"')[1].split("</section>")[0]
    owing = page.split('data-testid="we-owe-them"')[1].split("</section>")[0]
    assert OPEN_TO_FINANCE in owed and "Move the payroll export" in owed
    assert OPEN_BY_FINANCE in owing and OPEN_TO_FINANCE not in owing
    # Soonest first: the payroll export (due 9 days after the demo's end) before the forecast.
    assert owed.index("Move the payroll export") < owed.index(OPEN_TO_FINANCE)
    listed = page.split('data-testid="their-relationships"')[1].split("</section>")[0]
    assert f'href="/relationships/{rel("IT ↔ Finance").pk}/"' in listed


def test_margits_owed_to_me_does_not_repeat_what_they_owe_us(demo_client):
    page = text(demo_client("margit").get("/"))
    owed_to_me = page.split('data-testid="owed"')[1].split("</section>")[0]
    assert OPEN_TO_FINANCE not in owed_to_me


def test_marketing_logs_in_to_its_side_of_it_marketing(demo_client):
    page = text(demo_client("lena").get("/"))
    assert "No relationships yet" not in page
    assert "Set up the landing-page template for the spring launch" in page
    assert "Send IT the spring campaign calendar" in page
    assert OPEN_TO_FINANCE not in page  # a third unit's relationship
    view = text(demo_client("lena").get(f"/relationships/{rel('IT ↔ Marketing').pk}/"))
    assert 'data-testid="their-side"' in view
    assert "Internal: staffing the spring launch" not in view


@pytest.mark.parametrize("persona", ["tobias", "admin", "priya"])
def test_the_serving_side_and_others_get_no_their_side_home(demo_client, persona):
    page = text(demo_client(persona).get("/"))
    assert 'data-testid="they-owe-us"' not in page


def test_the_register_marks_promises_on_the_other_sides_relationships(demo_client):
    page = text(demo_client("margit").get("/commitments/"))
    row = page.split(OPEN_TO_FINANCE)[1].split("</tr>")[0]
    assert 'data-testid="side-theirs"' in row
    assert 'data-testid="side-theirs"' not in text(demo_client("tobias").get("/commitments/"))


@pytest.mark.parametrize("value", ["<script>alert(1)</script>", "2026-02-30", "9" * 30])
def test_a_bad_as_of_is_a_clear_400_on_the_view(demo_client, value):
    client = demo_client("margit")
    response = client.get(f"/relationships/{rel('IT ↔ Finance').pk}/", {"as_of": value})
    assert response.status_code == 400
    assert "<script>alert" not in text(response)
    data = client.get(
        f"/relationships/{rel('IT ↔ Finance').pk}/", {"as_of": value, "format": "json"}
    ).json()
    assert data["errors"][0]["field"] == "as_of"


def test_as_of_goes_back_in_time_on_the_view(demo_client):
    data = demo_client("margit").get(
        f"/relationships/{rel('IT ↔ Finance').pk}/", {"as_of": "2026-01-15", "format": "json"}
    )
    whats = {p["what"] for p in data.json()["promises"]["to_us"]}
    assert "Deliver the budget dashboard" in whats
    assert OPEN_TO_FINANCE not in whats  # made in November 2026


def test_anonymous_is_sent_to_log_in(client, demo):
    response = client.get(f"/relationships/{rel('IT ↔ Finance').pk}/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


@pytest.mark.parametrize("measure", ["health", "reserve", "trust"])
def test_the_other_side_opens_no_explanation_of_a_score(demo_client, measure):
    pk = rel("IT ↔ Finance").pk
    assert demo_client("margit").get(f"/explain/relationship/{pk}/{measure}/").status_code == 404
    assert demo_client("tobias").get(f"/explain/relationship/{pk}/health/").status_code == 200


def test_the_register_filters_by_side(demo_client):
    client = demo_client("margit")
    theirs = client.get("/commitments/", {"side": "theirs", "state": "", "format": "json"}).json()
    ours = client.get("/commitments/", {"side": "ours", "state": "", "format": "json"}).json()
    assert theirs["commitments"] and all(c["side"] == "theirs" for c in theirs["commitments"])
    assert all(c["side"] != "theirs" for c in ours["commitments"])
    both = client.get("/commitments/", {"state": "", "format": "json"}).json()
    assert both["count"] == theirs["count"] + ours["count"]
    bad = client.get("/commitments/", {"side": "<b>", "format": "json"})
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "side"
