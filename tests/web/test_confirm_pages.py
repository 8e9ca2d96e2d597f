"""The promisee's side confirms, releases or disputes a promise on the web; the other side
agrees a measure. Per persona: who may (redirect), who reads but may not (403), who does not
see it (404); bad values give 400 naming the field; nothing half-written."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from trustledger.accounts.actions import create_user
from trustledger.directory.models import Person, Unit
from trustledger.ledger import actions
from trustledger.ledger import models as m

pytestmark = pytest.mark.django_db

ALLOWED = {"finance_member", "finance_manager", "admin"}
READS_ONLY = {"it_member", "it_manager", "viewer", "finance_viewer"}
UNSEEN = {"outsider", "marketing"}


@pytest.fixture
def world(cast):  # type: ignore[no-untyped-def]
    boss = Person.objects.create(display_name="Fia Boss", organization=cast.ours, unit=cast.finance)
    marketing = Unit.objects.create(organization=cast.ours, name="Marketing")
    mo = Person.objects.create(display_name="Mo Mark", organization=cast.ours, unit=marketing)
    users = {
        name: getattr(cast, name)
        for name in ("admin", "it_manager", "it_member", "finance_member", "viewer", "outsider")
    }
    users["finance_manager"] = create_user(
        username="finance_manager", password="pw", check_password=False,
        unit_name="Finance", role="manager", person_id=boss.pk,
    )  # fmt: skip
    users["finance_viewer"] = create_user(
        username="finance_viewer", password="pw", check_password=False,
        unit_name="Finance", role="viewer",
    )  # fmt: skip
    users["marketing"] = create_user(
        username="marketing", password="pw", check_password=False,
        unit_name="Marketing", role="member", person_id=mo.pk,
    )  # fmt: skip
    rel = m.Relationship.objects.create(
        our_unit=cast.it, counterpart_unit=cast.finance, started_on=dt.date(2026, 1, 5)
    )
    made = timezone.now() - dt.timedelta(days=5)
    promise = actions.make_commitment(
        cast.it_manager, promisor=cast.it_member.person, promisee=cast.finance_member.person,
        what="Fix the VPN", strength="commitment", made_at=made,
        due_at=made + dt.timedelta(days=10), relationship=rel,
    )  # fmt: skip
    actions.keep_commitment(cast.it_manager, promise, at=made + dt.timedelta(days=3))
    measure = m.AgreedMeasure.objects.create(
        relationship=rel, name="Tickets in 2 days", target="90%"
    )
    review = m.QualityReview.objects.create(relationship=rel, held_on=dt.date(2026, 10, 1))
    review.attendees.set([cast.it_manager.person, boss, mo])
    return {"users": users, "promise": promise, "measure": measure, "review": review}


def client(world, persona):  # type: ignore[no-untyped-def]
    c = Client()
    if persona != "anonymous":
        c.force_login(world["users"][persona])
    return c


def outcome(response) -> str:  # type: ignore[no-untyped-def]
    if response.status_code == 302:
        return "login" if response["Location"].startswith("/login/") else "redirect"
    return str(response.status_code)


def expected(persona: str) -> str:
    if persona == "anonymous":
        return "login"
    if persona in ALLOWED:
        return "redirect"
    return "403" if persona in READS_ONLY else "404"


PERSONAS = ["anonymous", *sorted(ALLOWED | READS_ONLY | UNSEEN)]


@pytest.mark.parametrize("persona", PERSONAS)
def test_confirming_per_persona(world, persona):  # type: ignore[no-untyped-def]
    promise = world["promise"]
    response = client(world, persona).post(f"/commitments/{promise.pk}/confirm/kept/")
    assert outcome(response) == expected(persona)
    promise.refresh_from_db()
    confirmed = persona in ALLOWED
    assert promise.confirmation == ("confirmed" if confirmed else "claimed")
    if confirmed:
        assert response["Location"] == f"/records/commitment/{promise.pk}/"
        assert promise.confirmation_by is not None


@pytest.mark.parametrize("persona", PERSONAS)
def test_disputing_per_persona(world, persona):  # type: ignore[no-untyped-def]
    promise = world["promise"]
    response = client(world, persona).post(
        f"/commitments/{promise.pk}/confirm/dispute/", {"comment": "Still drops"}
    )
    assert outcome(response) == expected(persona)
    promise.refresh_from_db()
    assert promise.confirmation == ("disputed" if persona in ALLOWED else "claimed")


def test_a_dispute_without_a_comment_is_400_naming_the_field(world):  # type: ignore[no-untyped-def]
    promise = world["promise"]
    c = client(world, "finance_member")
    response = c.post(f"/commitments/{promise.pk}/confirm/dispute/", {"comment": " "})
    assert response.status_code == 400 and b"<code>comment</code>" in response.content
    response = c.post(f"/commitments/{promise.pk}/confirm/dispute/?format=json", {"comment": ""})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "comment"
    promise.refresh_from_db()
    assert promise.confirmation == "claimed" and promise.events.count() == 2


def test_a_confirmed_outcome_is_not_confirmed_twice(world):  # type: ignore[no-untyped-def]
    promise = world["promise"]
    c = client(world, "finance_member")
    assert c.post(f"/commitments/{promise.pk}/confirm/kept/").status_code == 302
    response = c.post(f"/commitments/{promise.pk}/confirm/broken/")
    assert response.status_code == 400 and b"<code>outcome</code>" in response.content
    promise.refresh_from_db()
    assert promise.state == "kept"


def test_an_unknown_verb_is_404_and_a_get_is_405(world):  # type: ignore[no-untyped-def]
    promise, c = world["promise"], client(world, "finance_member")
    assert c.post(f"/commitments/{promise.pk}/confirm/renegotiated/").status_code == 404
    assert c.get(f"/commitments/{promise.pk}/confirm/kept/").status_code == 405
    assert c.post("/commitments/999999/confirm/kept/").status_code == 404


def test_a_post_without_the_csrf_token_is_refused(world):  # type: ignore[no-untyped-def]
    promise = world["promise"]
    c = Client(enforce_csrf_checks=True)
    c.force_login(world["users"]["finance_member"])
    assert c.post(f"/commitments/{promise.pk}/confirm/kept/").status_code == 403
    promise.refresh_from_db()
    assert promise.confirmation == "claimed"


def test_a_next_outside_the_site_is_not_followed(world):  # type: ignore[no-untyped-def]
    promise = world["promise"]
    response = client(world, "finance_member").post(
        f"/commitments/{promise.pk}/confirm/kept/", {"next": "https://evil.example/"}
    )
    assert response["Location"] == f"/records/commitment/{promise.pk}/"


def test_the_record_page_shows_each_side_its_part(world):  # type: ignore[no-untyped-def]
    promise = world["promise"]
    mine = client(world, "finance_member").get(f"/records/commitment/{promise.pk}/")
    assert b'data-verb="kept"' in mine.content and b'data-verb="dispute"' in mine.content
    theirs = client(world, "it_member").get(f"/records/commitment/{promise.pk}/")
    assert b"data-verb=" not in theirs.content
    assert "claimed — awaiting Cleo&#x27;s confirmation" in theirs.content.decode()
    as_json = client(world, "it_member").get(f"/records/commitment/{promise.pk}/?format=json")
    assert as_json.json()["confirmation"]["state"] == "claimed"
    assert as_json.json()["confirmation"]["buttons"] == []


def test_the_register_offers_the_promisee_the_buttons(world):  # type: ignore[no-untyped-def]
    promise = world["promise"]
    page = client(world, "finance_member").get("/commitments/?state=").content.decode()
    assert f"/commitments/{promise.pk}/confirm/kept/" in page
    page = client(world, "it_manager").get("/commitments/?state=").content.decode()
    assert f"/commitments/{promise.pk}/confirm/kept/" not in page
    assert "awaiting Cleo" in page


def test_a_dispute_is_read_by_both_sides(world):  # type: ignore[no-untyped-def]
    promise = world["promise"]
    client(world, "finance_member").post(
        f"/commitments/{promise.pk}/confirm/dispute/", {"comment": "The VPN still drops"}
    )
    for persona in ("it_manager", "finance_manager"):
        page = client(world, persona).get(f"/records/commitment/{promise.pk}/")
        assert "disputed by Cleo Finance" in page.content.decode()
        assert "The VPN still drops" in page.content.decode()


AGREE_ALLOWED = {"finance_member", "finance_manager"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_agreeing_a_measure_per_persona(world, persona):  # type: ignore[no-untyped-def]
    measure = world["measure"]
    response = client(world, persona).post(f"/measures/{measure.pk}/agree/")
    if persona == "anonymous":
        want = "login"
    elif persona in AGREE_ALLOWED:
        want = "redirect"
    elif persona == "admin":
        want = "400"  # an admin without a person agrees in no one's name
    else:
        want = "403" if persona in READS_ONLY else "404"
    assert outcome(response) == want
    measure.refresh_from_db()
    assert measure.agreed_by_both is (persona in AGREE_ALLOWED)


def test_a_measure_is_agreed_once_and_the_page_says_by_whom(world):  # type: ignore[no-untyped-def]
    measure, c = world["measure"], client(world, "finance_member")
    page = c.get(f"/records/measure/{measure.pk}/").content.decode()
    assert "Agree this measure" in page
    assert c.post(f"/measures/{measure.pk}/agree/").status_code == 302
    response = c.post(f"/measures/{measure.pk}/agree/")
    assert response.status_code == 400 and b"<code>measure</code>" in response.content
    page = client(world, "it_manager").get(f"/records/measure/{measure.pk}/").content.decode()
    assert "Cleo Finance agreed on" in page and "Agree this measure" not in page


def test_the_review_page_names_who_attended_for_each_side(world):  # type: ignore[no-untyped-def]
    review = world["review"]
    facts = client(world, "it_manager").get(f"/records/review/{review.pk}/?format=json").json()
    by_label = {f["label"]: f["value"] for f in facts["facts"]}
    assert by_label["Attended for us (the serving side)"] == ["Ada Manager"]
    assert by_label["Attended for them (the other side)"] == ["Fia Boss"]
    assert by_label["Attended, on neither side"] == ["Mo Mark"]
