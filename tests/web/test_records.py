"""One page per ledger record, its edit and delete forms, closing a feedback loop, the people
picker and the entry forms' pre-fill, for each demo persona (admin, tobias the IT manager, priya
an IT member, margit the Finance manager, oskar a Finance member, ines a viewer)."""

from __future__ import annotations

import datetime as dt
import html
import json

import pytest
from django.utils import timezone

from trustledger.accounts.models import User
from trustledger.directory.models import Person, Unit
from trustledger.ledger import actions
from trustledger.ledger import models as m

pytestmark = pytest.mark.django_db

KINDS = ("interaction", "commitment", "feedback", "need", "measure", "review")
KINDS += ("level_change", "decision")


def person(name: str) -> Person:
    return Person.objects.get(display_name=name)


def it_finance() -> m.Relationship:
    return m.Relationship.objects.get(our_unit__name="IT", counterpart_unit__name="Finance")


def one_of_each(rel: m.Relationship) -> dict[str, object]:
    """A fresh record of every kind, filed under `rel` (made by the admin)."""
    admin = User.objects.get(username="admin")
    tobias, oskar = person("Tobias Reinholt"), person("Oskar Wendt")
    margit = person("Margit Esterházy")
    now = timezone.now()
    measure = actions.agree_measure(admin, rel, name="Close in 3 days", target="3 days")
    return {
        "interaction": actions.record_interaction(
            admin, occurred_at=now - dt.timedelta(hours=3), channel="call", initiator=tobias,
            participants=[oskar, margit], relationship=rel, subject="Close check-in",
        ),
        "commitment": actions.make_commitment(
            admin, promisor=tobias, promisee=oskar, what="Fix the ledger export",
            strength="commitment", due_at=now + dt.timedelta(days=9), relationship=rel,
        ),
        "feedback": actions.record_feedback(admin, rel, summary="Reports arrive late", from_person=oskar),
        "need": actions.record_need(admin, rel, description="A second close dashboard"),
        "measure": measure,
        "review": actions.record_quality_review(
            admin, rel, held_on=timezone.localdate(), statuses={measure.pk: "at_risk"},
            attendees=[oskar],
        ),
        "level_change": actions.change_service_level(
            admin, rel, to_level=1 if rel.service_level != 1 else 2, reason="A test move"
        ),
        "decision": actions.record_decision(
            admin, title="Freeze ERP changes in December", relationship=rel,
            surprised_unit_ids=[Unit.objects.get(name="Finance").pk],
        ),
    }  # fmt: skip


# Who opens the IT ↔ Finance relationship's records, and who may change them.
# ines (a viewer of the Executive unit) does not read IT's relationships.
READERS = {"admin", "tobias"}
WRITERS = {"admin", "tobias"}
PERSONAS = ("admin", "tobias", "priya", "margit", "oskar", "ines")


@pytest.fixture
def records(demo):  # type: ignore[no-untyped-def]
    return one_of_each(it_finance())


def test_record_pages_answer_each_persona_as_scope_says(demo_client, records):
    for persona in PERSONAS:
        client = demo_client(persona)
        readable = {
            kind for kind, r in records.items()
            if client.get(f"/records/{kind}/{r.pk}/").status_code == 200
        }  # fmt: skip
        edits = {
            kind: client.get(f"/records/{kind}/{r.pk}/edit/").status_code
            for kind, r in records.items()
        }
        deletes = {
            kind: client.get(f"/records/{kind}/{r.pk}/delete/").status_code
            for kind, r in records.items()
        }
        if persona in READERS:
            assert readable == set(KINDS), persona
        elif persona in ("oskar", "margit"):
            # Finance stands on the other side of IT ↔ Finance: it reads every record both
            # sides keep filed under it (docs/both-sides.md), and changes none.
            assert readable == set(KINDS), persona
        else:
            assert readable == set(), persona
        for kind in KINDS:
            expected = 200 if persona in WRITERS else 403 if kind in readable else 404
            assert edits[kind] == expected, (persona, kind, edits[kind])
            assert deletes[kind] == expected, (persona, kind, deletes[kind])


def test_record_page_says_what_it_is_and_links_only_what_the_viewer_opens(demo_client, records):
    interaction = records["interaction"]
    page = demo_client("tobias").get(f"/records/interaction/{interaction.pk}/")
    text = html.unescape(page.content.decode())
    assert (
        "between Tobias Reinholt, Margit Esterházy and Oskar Wendt; Tobias Reinholt started it"
        in text
    )
    rel = it_finance()
    assert f'href="/relationships/{rel.pk}/"' in text
    assert f'href="/records/interaction/{interaction.pk}/edit/"' in text
    # Oskar's own page is Finance's: tobias names him but does not open him.
    oskar = person("Oskar Wendt")
    assert f'href="/people/{oskar.pk}/"' not in text
    # Oskar reads the interaction he took part in without buttons; the relationship is named
    # and opens his side's view of it (docs/both-sides.md).
    page = demo_client("oskar").get(f"/records/interaction/{interaction.pk}/")
    text = html.unescape(page.content.decode())
    assert f'href="/relationships/{rel.pk}/"' in text
    assert (
        'data-testid="their-side"'
        in demo_client("oskar").get(f"/relationships/{rel.pk}/").content.decode()
    )
    assert "/edit/" not in text and "/delete/" not in text
    assert f'href="/people/{oskar.pk}/"' in text
    text = demo_client("tobias").get(f"/records/decision/{records['decision'].pk}/")
    assert "surprised after: Finance" in text.content.decode()


def test_a_viewer_reads_her_own_relationship_s_records_and_changes_none(demo_client, demo):
    """ines is a viewer: her own relationship's records open, without buttons; forms say 403."""
    ines = User.objects.get(username="ines")
    rel = m.Relationship.objects.get(our_person=ines.person)
    made = one_of_each(rel)
    client = demo_client("ines")
    for kind, record in made.items():
        page = client.get(f"/records/{kind}/{record.pk}/")
        assert page.status_code == 200, kind
        assert "/edit/" not in page.content.decode() and "/delete/" not in page.content.decode()
        for verb in ("edit", "delete"):
            assert client.get(f"/records/{kind}/{record.pk}/{verb}/").status_code == 403
            assert client.post(f"/records/{kind}/{record.pk}/{verb}/").status_code == 403
    assert client.get(f"/feedback/{made['feedback'].pk}/close/").status_code == 403
    assert (
        client.post(f"/records/need/{made['need'].pk}/edit/", {"set_status": "met"}).status_code
        == 403
    )
    assert m.Need.objects.get(pk=made["need"].pk).status == "open"


def test_json_twin_carries_the_record(demo_client, records):
    c = records["commitment"]
    data = demo_client("tobias").get(f"/records/commitment/{c.pk}/?format=json").json()
    assert data["kind"] == "commitment" and data["id"] == c.pk
    assert [p["role"] for p in data["people"]] == ["Promised", "Promised to"]
    labels = [b["label"] for b in data["buttons"]]
    assert labels == ["Keep", "Keep late", "Renegotiate", "Release", "Break", "Edit", "Delete"]
    assert (
        data["buttons"][0]["url"] == f"/commitments/{c.pk}/keep/?next=/records/commitment/{c.pk}/"
    )


def test_unknown_kind_and_id_are_not_found(demo_client, records):
    client = demo_client("admin")
    assert client.get("/records/goal/1/").status_code == 404
    assert client.get("/records/nothing/1/").status_code == 404
    assert client.get("/records/interaction/999999999/").status_code == 404


def test_edit_an_interaction_to_several_participants(demo_client, records):
    interaction = records["interaction"]
    client = demo_client("tobias")
    form = client.get(f"/records/interaction/{interaction.pk}/edit/?format=json").json()
    initial = {f["name"]: f["initial"] for f in form["form"]["fields"]}
    oskar, margit = person("Oskar Wendt"), person("Margit Esterházy")
    assert sorted(initial["person"]) == sorted([oskar.pk, margit.pk])
    fin3 = Person.objects.filter(unit__name="Finance").exclude(pk__in=[oskar.pk, margit.pk]).first()
    response = client.post(
        f"/records/interaction/{interaction.pk}/edit/",
        {
            "person": [oskar.pk, fin3.pk],
            "channel": "meeting",
            "occurred_on": initial["occurred_on"],
            "occurred_time": "09:30",
            "relationship": it_finance().pk,
            "initiator": person("Tobias Reinholt").pk,
            "answered": "true",
            "focus": "theirs",
            "subject": "Close review",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"/records/interaction/{interaction.pk}/"
    interaction.refresh_from_db()
    assert interaction.channel == "meeting" and interaction.subject == "Close review"
    assert set(interaction.participants.values_list("person_id", flat=True)) == {oskar.pk, fin3.pk}
    assert set(interaction.participants.values_list("role", flat=True)) == {"attendee"}
    page = client.get(response["Location"])
    assert "Interaction saved." in page.content.decode()
    assert fin3.display_name in html.unescape(page.content.decode())


def test_edit_is_refused_by_the_action_too(records):
    """The named actions check the rights themselves (the API and the CLI call them)."""
    from django.core.exceptions import PermissionDenied

    priya = User.objects.get(username="priya")
    ines = User.objects.get(username="ines")
    for user in (priya, ines):
        with pytest.raises(PermissionDenied):
            actions.update_need(user, records["need"], description="x", kind="need")
        with pytest.raises(PermissionDenied):
            actions.delete_record(user, "decision", records["decision"])
    margit = User.objects.get(username="margit")
    with pytest.raises(PermissionDenied):  # made to her, but IT's promise to keep
        actions.update_commitment(
            margit, records["commitment"], what="x", promisee=person("Oskar Wendt"),
            strength="commitment", due_at=timezone.now() + dt.timedelta(days=3),
        )  # fmt: skip


def test_commitment_edit_and_renegotiate_from_its_page(demo_client, records):
    c = records["commitment"]
    client = demo_client("tobias")
    due = timezone.localdate() + dt.timedelta(days=20)
    response = client.post(
        f"/records/commitment/{c.pk}/edit/",
        {"what": "Fix the export, all columns", "promisee": c.promisee_id, "due_on": due,
         "strength": "best_effort", "statement": "You will have it."},
    )  # fmt: skip
    assert response.status_code == 302
    c.refresh_from_db()
    assert (c.what, c.strength, timezone.localtime(c.due_at).date()) == (
        "Fix the export, all columns", "best_effort", due,
    )  # fmt: skip
    later = due + dt.timedelta(days=10)
    response = client.post(
        f"/commitments/{c.pk}/renegotiate/",
        {"new_due_on": later, "note": "Finance asked for two more columns",
         "next": f"/records/commitment/{c.pk}/"},
    )  # fmt: skip
    assert response["Location"] == f"/records/commitment/{c.pk}/"
    page = html.unescape(client.get(response["Location"]).content.decode())
    assert "renegotiated — Finance asked for two more columns" in page
    successor = m.Commitment.objects.get(renegotiated_from=c)
    assert f'href="/records/commitment/{successor.pk}/"' in page
    # A closed commitment is history: no edit button, the form sends one back.
    assert f"/records/commitment/{c.pk}/edit/" not in page
    assert client.get(f"/records/commitment/{c.pk}/edit/").status_code == 302


def test_close_a_feedback_loop_then_the_relationship_shows_it(demo_client, records):
    item = records["feedback"]
    url = f"/feedback/{item.pk}/close/"
    for persona in ("priya", "ines"):
        assert demo_client(persona).get(url).status_code == 404, persona
    for persona in ("margit", "oskar"):  # the other side reads it, and does not close it
        assert demo_client(persona).get(url).status_code == 403, persona
    assert demo_client("ines").post(url, {"what_changed": "x"}).status_code == 404
    client = demo_client("tobias")
    page = client.get(f"/records/feedback/{item.pk}/").content.decode()
    assert f'href="{url}"' in page and "the loop is open" in page
    response = client.post(url, {"what_changed": "", "closed_on": timezone.localdate()})
    assert response.status_code == 200 and "This field is required" in response.content.decode()
    response = client.post(
        url, {"what_changed": "Reports now go out by 9:00", "closed_on": timezone.localdate()}
    )
    assert response["Location"] == f"/records/feedback/{item.pk}/"
    item.refresh_from_db()
    assert item.loop_closed_at is not None and item.our_response == "Reports now go out by 9:00"
    text = client.get(f"/relationships/{it_finance().pk}/").content.decode()
    assert f"Reports arrive late — loop closed {timezone.localdate():%Y-%m-%d}" in text
    # Closed already: the form sends one back to the record.
    assert client.get(url).status_code == 302


def test_need_done_and_open_again(demo_client, records):
    need = records["need"]
    client = demo_client("tobias")
    edit = f"/records/need/{need.pk}/edit/"
    assert "Mark done" in client.get(f"/records/need/{need.pk}/").content.decode()
    assert client.post(edit, {"set_status": "met"}).status_code == 302
    need.refresh_from_db()
    assert need.status == "met" and need.resolved_at is not None
    assert "Open again" in client.get(f"/records/need/{need.pk}/").content.decode()
    client.post(edit, {"set_status": "open"})
    need.refresh_from_db()
    assert need.status == "open" and need.resolved_at is None
    assert demo_client("priya").post(edit, {"set_status": "met"}).status_code == 404
    client = demo_client("tobias")  # the one test client logs in as another persona
    response = client.post(edit, {"set_status": "nonsense"})
    need.refresh_from_db()
    assert response.status_code == 302 and need.status == "open"


def test_review_status_per_measure_edited(demo_client, records):
    review, measure = records["review"], records["measure"]
    client = demo_client("tobias")
    response = client.post(
        f"/records/review/{review.pk}/edit/",
        {"held_on": review.held_on, f"measure_{measure.pk}": "on_track", "notes": "Better"},
    )
    assert response.status_code == 302
    status = m.QualityReviewMeasure.objects.get(review=review, measure=measure)
    assert status.status == "on_track"
    page = html.unescape(client.get(response["Location"]).content.decode())
    assert "Close in 3 days (target 3 days): on track" in page


def test_decision_people_involved_told_and_surprised(demo_client, records):
    decision = records["decision"]
    oskar, margit = person("Oskar Wendt"), person("Margit Esterházy")
    client = demo_client("tobias")
    response = client.post(
        f"/records/decision/{decision.pk}/edit/",
        {"title": decision.title, "decided_on": timezone.localdate(),
         "told_people": [margit.pk], "surprised_people": [oskar.pk],
         "surprised": [Unit.objects.get(name="Finance").pk]},
    )  # fmt: skip
    assert response.status_code == 302
    roles = set(
        decision.stakeholders.filter(person__isnull=False).values_list(
            "person__display_name", "role"
        )
    )
    assert roles == {("Margit Esterházy", "told_before"), ("Oskar Wendt", "surprised")}
    data = client.get(f"/records/decision/{decision.pk}/?format=json").json()
    assert {"role": "Surprised after", "id": oskar.pk, "name": "Oskar Wendt", "url": None} in (
        data["people"]
    )


def test_level_move_reason_edit_and_undo(demo_client, records):
    change = records["level_change"]
    rel = it_finance()
    before = change.from_level
    client = demo_client("tobias")
    client.post(f"/records/level_change/{change.pk}/edit/", {"reason": "Finance asked us"})
    change.refresh_from_db()
    assert change.reason == "Finance asked us"
    older = rel.level_changes.exclude(pk=change.pk).first()
    response = client.post(f"/records/level_change/{older.pk}/delete/")
    assert response["Location"] == f"/records/level_change/{older.pk}/"
    assert m.ServiceLevelChange.objects.filter(pk=older.pk).exists()
    response = client.post(f"/records/level_change/{change.pk}/delete/")
    assert response["Location"] == f"/relationships/{rel.pk}/"
    rel.refresh_from_db()
    assert rel.service_level == before


def test_delete_asks_then_deletes_and_lands_on_the_relationship(demo_client, records):
    client = demo_client("tobias")
    # The level move last: deleting it is undone only while it is the latest.
    for kind, record in records.items():
        page = client.get(f"/records/{kind}/{record.pk}/delete/").content.decode()
        assert "Yes, delete it" in page, kind
        assert demo_client("priya").post(f"/records/{kind}/{record.pk}/delete/").status_code == 404
        assert type(record).objects.filter(pk=record.pk).exists()
        response = demo_client("tobias").post(f"/records/{kind}/{record.pk}/delete/")
        assert response["Location"] == f"/relationships/{it_finance().pk}/", kind
        assert not type(record).objects.filter(pk=record.pk).exists(), kind


def test_pickers_reach_the_people_of_relationships_one_changes(demo_client, demo):
    oskar = person("Oskar Wendt")
    rel = it_finance()
    form = demo_client("tobias").get(f"/entry/commitment/?relationship={rel.pk}&format=json")
    promisee = next(f for f in form.json()["form"]["fields"] if f["name"] == "promisee")
    assert str(oskar.pk) in {c["value"] for c in promisee["choices"]}
    # Priya changes no relationship with Finance: Oskar is not hers to name.
    form = demo_client("priya").get("/entry/commitment/?format=json").json()
    promisee = next(f for f in form["form"]["fields"] if f["name"] == "promisee")
    assert str(oskar.pk) not in {c["value"] for c in promisee["choices"]}


def test_pick_people_searches_accent_insensitively_within_reach(demo_client, demo):
    tobias = demo_client("tobias")
    found = tobias.get("/pick/people/", {"q": "esterhazy"}).json()
    assert [p["name"] for p in found["people"]] == ["Margit Esterházy"]
    assert tobias.get("/pick/people/", {"q": "OSK wen"}).json()["people"][0]["name"] == (
        "Oskar Wendt"
    )
    rel = it_finance()
    first = tobias.get("/pick/people/", {"q": "", "relationship": rel.pk}).json()["people"]
    assert first[0]["id"] in set(
        Person.objects.filter(unit__name__in=["IT", "Finance"]).values_list("pk", flat=True)
    )
    assert demo_client("priya").get("/pick/people/", {"q": "wendt"}).json()["people"] == []
    assert tobias.get("/pick/people/", {"relationship": "x"}).status_code == 400
    assert tobias.get("/pick/people/", {"q": "a" * 101}).status_code == 400
    # ines (a viewer) names nobody new: only the people she reads.
    ines_found = {p["id"] for p in demo_client("ines").get("/pick/people/").json()["people"]}
    assert oskar_not_beyond(ines_found)


def oskar_not_beyond(ids: set[int]) -> bool:
    """Every id is a person the viewer reads."""
    from trustledger.accounts.access import scope_for

    readable = set(
        scope_for(User.objects.get(username="ines")).people().values_list("pk", flat=True)
    )
    return ids <= readable


def test_entry_forms_take_every_field_from_the_query(demo_client, demo):
    rel = it_finance()
    oskar, margit = person("Oskar Wendt"), person("Margit Esterházy")
    client = demo_client("tobias")
    query = f"relationship={rel.pk}&person={oskar.pk}&person={margit.pk}&channel=call&subject=Hi"
    data = client.get(f"/entry/interaction/?{query}&format=json").json()
    initial = {f["name"]: f["initial"] for f in data["form"]["fields"]}
    assert initial["relationship"] == rel.pk
    assert {int(p) for p in initial["person"]} == {oskar.pk, margit.pk}
    assert (initial["channel"], initial["subject"]) == ("call", "Hi")
    data = client.get(f"/entry/commitment/?relationship={rel.pk}&person={oskar.pk}&format=json")
    initial = {f["name"]: f["initial"] for f in data.json()["form"]["fields"]}
    assert str(initial["promisee"]) == str(oskar.pk)
    data = client.get(f"/entry/measure/?relationship={rel.pk}&name=Close&target=3+days&format=json")
    initial = {f["name"]: f["initial"] for f in data.json()["form"]["fields"]}
    assert (initial["name"], initial["target"]) == ("Close", "3 days")
    page = client.get(f"/entry/review/?relationship={rel.pk}")
    assert page.status_code == 200
    # A hostile value is only shown, escaped.
    page = client.get("/entry/need/?description=%3Cscript%3Ex%3C/script%3E").content.decode()
    assert "<script>x</script>" not in page and "&lt;script&gt;x&lt;/script&gt;" in page


def test_quick_entry_logs_an_interaction_with_two_participants(demo_client, demo):
    rel = it_finance()
    oskar, margit = person("Oskar Wendt"), person("Margit Esterházy")
    response = demo_client("tobias").post(
        "/entry/interaction/",
        {"relationship": rel.pk, "person": [oskar.pk, margit.pk], "channel": "call",
         "occurred_on": timezone.localdate()},
    )  # fmt: skip
    assert response.status_code == 302
    made = m.Interaction.objects.latest("pk")
    assert set(made.participants.values_list("person_id", flat=True)) == {oskar.pk, margit.pk}


def test_picker_script_is_served_and_linked_without_inline_script(demo_client, demo):
    page = demo_client("tobias").get("/entry/interaction/").content.decode()
    assert 'src="/static/web/picker.js"' in page
    assert 'data-picker="/pick/people/"' in page
    assert "<script>" not in page.replace("<script>alert", "")
    assert json.loads("[]") == []
