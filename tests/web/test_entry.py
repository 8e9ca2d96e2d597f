"""Quick entry forms and the commitments register, end to end for the right persona."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.test import Client
from django.utils import timezone

from trustledger.directory.models import Organization, Person
from trustledger.ledger import actions
from trustledger.ledger import models as m

pytestmark = pytest.mark.django_db


class World:
    """The cast plus a customer and three relationships.

    - `ben`: Ben (IT member) ↔ Hal at a customer: Ben, IT's manager and the admin may change it.
    - `it`: the IT unit ↔ Finance: IT's manager may change it; Ben reads it.
    - `cleo`: Cleo (Finance member) ↔ Hal: only Cleo (and the admin) see it.
    """

    def __init__(self, cast):  # type: ignore[no-untyped-def]
        self.cast = cast
        customer = Organization.objects.create(name="Halvard", kind="customer")
        self.hal = Person.objects.create(display_name="Hal Customer", organization=customer)
        self.ben, self.ada, self.cleo_person = (
            cast.it_member.person,
            cast.it_manager.person,
            cast.finance_member.person,
        )
        started = dt.date(2026, 1, 5)
        self.rel_ben = m.Relationship.objects.create(
            our_person=self.ben, counterpart_person=self.hal, started_on=started, service_level=2
        )
        self.rel_it = m.Relationship.objects.create(
            our_unit=cast.it, counterpart_unit=cast.finance, started_on=started, service_level=3
        )
        self.rel_cleo = m.Relationship.objects.create(
            our_person=self.cleo_person,
            counterpart_person=self.hal,
            started_on=started,
            service_level=4,
        )

    def client(self, who: str, **kwargs: object) -> Client:
        c = Client(**kwargs)  # type: ignore[arg-type]
        if who != "anonymous":
            c.force_login(getattr(self.cast, who))
        return c

    def commitment(self, by=None, to=None, rel=None, days: int = 7, what="Fix the export"):  # type: ignore[no-untyped-def]
        now = timezone.now()
        return actions.make_commitment(
            self.cast.admin,
            promisor=by or self.ben,
            promisee=to or self.hal,
            what=what,
            strength="commitment",
            made_at=now - dt.timedelta(days=1),
            due_at=now + dt.timedelta(days=days),
            relationship=rel if rel is not None else self.rel_ben,
            statement=f"You will have it: {what}.",
        )


@pytest.fixture
def world(cast):  # type: ignore[no-untyped-def]
    return World(cast)


def today() -> str:
    return timezone.localdate().isoformat()


# --- the entry index ---------------------------------------------------------------------------


def test_the_entry_index_links_every_form(world):
    response = world.client("it_member").get("/entry/")
    assert response.status_code == 200
    for slug in (
        "interaction",
        "commitment",
        "feedback",
        "need",
        "decision",
        "measure",
        "review",
        "level",
    ):
        assert f'href="/entry/{slug}/' in response.content.decode()


def test_the_entry_index_has_a_json_twin(world):
    data = world.client("it_member").get("/entry/?format=json").json()
    assert data["may_enter"] is True
    assert len(data["forms"]) == 8


# --- interaction -------------------------------------------------------------------------------


def test_logging_an_interaction_needs_only_a_person_a_channel_and_a_date(world):
    c = world.client("it_member")
    response = c.post(
        "/entry/interaction/",
        {"person": world.hal.pk, "channel": "call", "occurred_on": today()},
    )
    assert response.status_code == 302
    interaction = m.Interaction.objects.get()
    assert interaction.initiator == world.ben  # defaults to the user's own person
    assert interaction.relationship is None
    assert list(interaction.participants.values_list("person", flat=True)) == [world.hal.pk]
    assert interaction.source == m.Source.MANUAL


def test_an_interaction_preselects_its_relationship_and_returns_there_with_a_message(world):
    c = world.client("it_member")
    form = c.get(f"/entry/interaction/?relationship={world.rel_ben.pk}")
    assert form.status_code == 200
    assert f'<option value="{world.rel_ben.pk}" selected>' in form.content.decode()
    response = c.post(
        f"/entry/interaction/?relationship={world.rel_ben.pk}",
        {
            "person": world.hal.pk,
            "channel": "meeting",
            "occurred_on": today(),
            "relationship": world.rel_ben.pk,
            "answered": "true",
            "focus": "theirs",
            "duration_minutes": "30",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "Interaction with Hal Customer logged." in response.content.decode()
    interaction = m.Interaction.objects.get()
    assert interaction.relationship == world.rel_ben
    assert interaction.answered is True
    assert interaction.duration_minutes == 30


def test_an_interaction_with_oneself_shows_the_actions_error_on_the_person_field(world):
    response = world.client("it_member").post(
        "/entry/interaction/", {"person": world.ben.pk, "channel": "call", "occurred_on": today()}
    )
    assert response.status_code == 200
    assert "An interaction needs someone besides the initiator." in str(
        response.context["form"].errors["person"]
    )
    assert m.Interaction.objects.count() == 0


def test_missing_essentials_show_on_their_fields(world):
    response = world.client("it_member").post("/entry/interaction/", {})
    errors = response.context["form"].errors
    assert set(errors) == {"person", "channel", "occurred_on"}
    assert 'aria-invalid="true"' in response.content.decode()


def test_people_choices_are_limited_to_the_scope(world):
    response = world.client("it_member").get("/entry/interaction/")
    people = {p.pk for p in response.context["form"].fields["person"].queryset}
    assert world.hal.pk in people and world.ben.pk in people
    assert world.cleo_person.pk not in people
    refused = world.client("it_member").post(
        "/entry/interaction/",
        {"person": world.cleo_person.pk, "channel": "call", "occurred_on": today()},
    )
    assert "person" in refused.context["form"].errors
    assert m.Interaction.objects.count() == 0


def test_an_admin_without_a_person_must_choose_the_initiator(world):
    response = world.client("admin").post(
        "/entry/interaction/", {"person": world.hal.pk, "channel": "call", "occurred_on": today()}
    )
    assert "initiator" in response.context["form"].errors
    ok = world.client("admin").post(
        "/entry/interaction/",
        {
            "person": world.hal.pk,
            "channel": "call",
            "occurred_on": today(),
            "initiator": world.ben.pk,
        },
    )
    assert ok.status_code == 302


def test_a_form_has_a_json_twin_describing_its_fields(world):
    data = (
        world.client("it_member")
        .get(f"/entry/interaction/?relationship={world.rel_ben.pk}&format=json")
        .json()
    )
    fields = {f["name"]: f for f in data["form"]["fields"]}
    assert fields["person"]["required"] and fields["channel"]["required"]
    assert not fields["relationship"]["required"]
    assert fields["relationship"]["initial"] == world.rel_ben.pk
    assert fields["initiator"]["initial"] == world.ben.pk
    assert fields["person"]["initial"] == [world.hal.pk]  # the relationship's counterpart
    assert not fields["answered"]["required"]
    assert data["relationship"]["id"] == world.rel_ben.pk


# --- commitment --------------------------------------------------------------------------------


def test_making_a_commitment_keeps_its_sentence_and_defaults_the_promisor(world):
    due = (timezone.localdate() + dt.timedelta(days=5)).isoformat()
    response = world.client("it_member").post(
        "/entry/commitment/",
        {
            "what": "Send the migration plan",
            "promisee": world.hal.pk,
            "due_on": due,
            "strength": "best_effort",
            "relationship": world.rel_ben.pk,
            "statement": "I will do my best to send the plan by Friday.",
        },
    )
    assert response.status_code == 302
    c = m.Commitment.objects.get()
    assert (c.promisor, c.promisee, c.strength) == (world.ben, world.hal, "best_effort")
    assert c.statement.startswith("I will do my best")
    assert timezone.localtime(c.due_at).date().isoformat() == due


def test_a_due_date_in_the_past_shows_on_the_due_field(world):
    response = world.client("it_member").post(
        "/entry/commitment/",
        {
            "what": "Too late",
            "promisee": world.hal.pk,
            "due_on": "2020-01-01",
            "strength": "commitment",
        },
    )
    assert "due date must come after" in str(response.context["form"].errors["due_on"])
    assert m.Commitment.objects.count() == 0


# --- the other forms ---------------------------------------------------------------------------


def test_recording_feedback_and_closing_its_loop(world):
    response = world.client("it_member").post(
        "/entry/feedback/",
        {
            "relationship": world.rel_ben.pk,
            "summary": "Release notes come too late",
            "sentiment": "negative",
            "from_person": world.hal.pk,
            "received_on": today(),
            "our_response": "We send them a day before each release.",
            "loop_closed": "on",
        },
    )
    assert response.status_code == 302
    item = m.FeedbackItem.objects.get()
    assert item.from_person == world.hal and item.sentiment == "negative"
    assert item.loop_closed_at is not None and item.our_response.startswith("We send")


def test_closing_a_loop_needs_what_changed(world):
    response = world.client("it_member").post(
        "/entry/feedback/",
        {
            "relationship": world.rel_ben.pk,
            "summary": "Too slow",
            "sentiment": "negative",
            "received_on": today(),
            "loop_closed": "on",
        },
    )
    assert "our_response" in response.context["form"].errors
    assert m.FeedbackItem.objects.count() == 0


def test_feedback_needs_a_relationship(world):
    response = world.client("it_member").post(
        "/entry/feedback/", {"summary": "Hm", "sentiment": "neutral", "received_on": today()}
    )
    assert "relationship" in response.context["form"].errors


def test_recording_a_need(world):
    response = world.client("it_member").post(
        "/entry/need/",
        {"relationship": world.rel_ben.pk, "description": "A weekly export", "kind": "need"},
    )
    assert response.status_code == 302
    assert m.Need.objects.get().description == "A weekly export"


def test_a_blank_need_shows_the_error_on_its_field(world):
    response = world.client("it_member").post(
        "/entry/need/", {"relationship": world.rel_ben.pk, "description": "   ", "kind": "need"}
    )
    assert "description" in response.context["form"].errors


def test_recording_a_decision_with_its_stakeholders(world):
    response = world.client("it_manager").post(
        "/entry/decision/",
        {
            "title": "Move the ERP to the new cluster",
            "deciding_unit": world.cast.it.pk,
            "decided_on": today(),
            "affected": [world.cast.finance.pk],
            "surprised": [world.cast.finance.pk],
        },
    )
    assert response.status_code == 302
    decision = m.Decision.objects.get()
    assert decision.deciding_unit == world.cast.it
    assert set(decision.stakeholders.values_list("role", flat=True)) == {"affected", "surprised"}


def test_a_member_cannot_record_a_units_decision(world):
    response = world.client("it_member").post(
        "/entry/decision/",
        {"title": "Reorganize", "deciding_unit": world.cast.it.pk, "decided_on": today()},
    )
    assert response.status_code == 403
    assert m.Decision.objects.count() == 0


def test_agreeing_a_measure(world):
    response = world.client("it_member").post(
        "/entry/measure/",
        {
            "relationship": world.rel_ben.pk,
            "name": "Export on time",
            "target": "95% by 09:00",
            "agreed_on": today(),
        },
    )
    assert response.status_code == 302
    measure = m.AgreedMeasure.objects.get()
    # Issue 14: "agreed by both" waits for the other side to agree it in the product.
    assert not measure.agreed_by_both and measure.target == "95% by 09:00"


def test_a_quality_review_rates_the_relationships_measures(world):
    measure = actions.agree_measure(
        world.cast.admin, world.rel_ben, name="Export on time", target="95%"
    )
    c = world.client("it_member")
    form = c.get(f"/entry/review/?relationship={world.rel_ben.pk}")
    assert f"measure_{measure.pk}" in form.context["form"].fields
    response = c.post(
        f"/entry/review/?relationship={world.rel_ben.pk}",
        {
            "relationship": world.rel_ben.pk,
            "held_on": today(),
            "attendees": [world.ben.pk, world.hal.pk],
            f"measure_{measure.pk}": "at_risk",
            "next_review_due": (timezone.localdate() + dt.timedelta(days=90)).isoformat(),
        },
    )
    assert response.status_code == 302
    review = m.QualityReview.objects.get()
    assert review.attendees.count() == 2
    assert review.measure_statuses.get().status == "at_risk"


def test_a_next_review_before_this_one_shows_on_its_field(world):
    response = world.client("it_member").post(
        "/entry/review/",
        {"relationship": world.rel_ben.pk, "held_on": today(), "next_review_due": "2020-01-01"},
    )
    assert "next_review_due" in response.context["form"].errors


def test_changing_a_service_level_records_the_move(world):
    response = world.client("it_member").post(
        "/entry/level/",
        {"relationship": world.rel_ben.pk, "to_level": "3", "reason": "They asked us why."},
    )
    assert response.status_code == 302
    world.rel_ben.refresh_from_db()
    assert world.rel_ben.service_level == 3
    change = m.ServiceLevelChange.objects.get()
    assert (change.from_level, change.to_level) == (2, 3)


def test_a_level_change_to_the_same_level_shows_on_the_level_field(world):
    response = world.client("it_member").post(
        "/entry/level/", {"relationship": world.rel_ben.pk, "to_level": "2", "reason": "Same"}
    )
    assert "already at this level" in str(response.context["form"].errors["to_level"])


# --- the commitments register ------------------------------------------------------------------


def test_the_register_shows_sentence_strength_people_due_and_state(world):
    world.commitment()
    page = world.client("it_member").get("/commitments/").content.decode()
    assert "Fix the export" in page and "You will have it: Fix the export." in page
    assert "Commitment</span>" in page
    assert "Ben Member</a> → <a" in page and "Hal Customer" in page
    assert 'data-state="open"' in page
    assert 'data-testid="reliability"' in page


def test_the_register_filters_by_state_strength_promisor_and_due(world):
    soon = world.commitment(days=3, what="Soon")
    later = world.commitment(days=30, what="Later")
    late = world.commitment(days=1, what="Late one")
    m.Commitment.objects.filter(pk=late.pk).update(
        made_at=timezone.now() - dt.timedelta(days=10), due_at=timezone.now() - dt.timedelta(days=2)
    )
    by_ada = world.commitment(by=world.ada, rel=world.rel_it, to=world.cleo_person, what="Ada's")
    actions.keep_commitment(world.cast.admin, soon)
    c = world.client("admin")

    def ids(query: str) -> set[int]:
        return {
            row["id"] for row in c.get(f"/commitments/?format=json&{query}").json()["commitments"]
        }

    assert ids("") == {later.pk, late.pk, by_ada.pk}  # open by default
    assert ids("state=kept") == {soon.pk}
    assert ids("state=") == {soon.pk, later.pk, late.pk, by_ada.pk}
    assert ids("due=overdue") == {late.pk}
    assert ids("due=week&state=") == {soon.pk, by_ada.pk}
    assert ids("due=later") == {later.pk}
    assert ids(f"promisor={world.ada.pk}") == {by_ada.pk}
    assert ids("strength=best_effort") == set()


def test_the_register_is_scoped_to_what_the_user_may_read(world):
    mine = world.commitment()
    theirs = world.commitment(by=world.cleo_person, rel=world.rel_cleo, what="Cleo's")
    unit = world.commitment(by=world.ada, rel=world.rel_it, to=world.cleo_person, what="IT's")

    def ids(who: str) -> set[int]:
        rows = world.client(who).get("/commitments/?format=json").json()["commitments"]
        return {row["id"] for row in rows}

    assert ids("it_member") == {mine.pk, unit.pk}
    # A promise made to Cleo is hers to read; she stands on the other side of the relationship
    # it was filed under, so it is named, marked, and opens her view (docs/both-sides.md).
    assert ids("finance_member") == {theirs.pk, unit.pk}
    rows = world.client("finance_member").get("/commitments/?format=json").json()["commitments"]
    row = next(r for r in rows if r["id"] == unit.pk)
    assert row["relationship"]["id"] == world.rel_it.pk and row["side"] == "theirs"
    assert ids("it_manager") == {mine.pk, unit.pk}
    assert ids("outsider") == set()
    assert ids("admin") == {mine.pk, theirs.pk, unit.pk}


def test_keeping_a_commitment_confirms_first_then_redirects_back_with_reliability(world):
    c_ = world.commitment()
    c = world.client("it_member")
    confirm = c.get(f"/commitments/{c_.pk}/keep/?next=/commitments/%3Fstate%3D")
    assert confirm.status_code == 200
    assert "Yes, keep" in confirm.content.decode()
    c_.refresh_from_db()
    assert c_.state == "open"  # a GET changes nothing
    response = c.post(f"/commitments/{c_.pk}/keep/", {"next": "/commitments/?state="})
    assert response.status_code == 302 and response.url == "/commitments/?state="
    c_.refresh_from_db()
    assert c_.state == "kept"
    page = c.get(response.url)
    assert "is kept. Ben Member's reliability:" in html.unescape(page.content.decode())


@pytest.mark.parametrize(
    ("verb", "data", "state"),
    [
        ("keep-late", {}, "kept_late"),
        ("break", {"note": "The vendor failed us"}, "broken"),
        ("release", {"note": "No longer needed"}, "released"),
    ],
)
def test_each_closing_action_sets_its_state(world, verb, data, state):
    c_ = world.commitment()
    response = world.client("it_member").post(f"/commitments/{c_.pk}/{verb}/", data)
    assert response.status_code == 302
    c_.refresh_from_db()
    assert c_.state == state


def test_renegotiating_agrees_a_new_date_and_opens_a_successor(world):
    c_ = world.commitment(days=3)
    new = (timezone.localdate() + dt.timedelta(days=20)).isoformat()
    response = world.client("it_member").post(
        f"/commitments/{c_.pk}/renegotiate/", {"new_due_on": new}
    )
    assert response.status_code == 302
    c_.refresh_from_db()
    assert c_.state == "renegotiated"
    successor = c_.renegotiated_to
    assert timezone.localtime(successor.due_at).date().isoformat() == new


def test_renegotiating_to_an_earlier_date_shows_on_the_date_field(world):
    c_ = world.commitment(days=10)
    response = world.client("it_member").post(
        f"/commitments/{c_.pk}/renegotiate/", {"new_due_on": today()}
    )
    assert response.status_code == 200
    assert "later than the current due date" in str(response.context["form"].errors["new_due_on"])


def test_a_closed_commitment_offers_no_actions(world):
    c_ = world.commitment()
    actions.keep_commitment(world.cast.admin, c_)
    page = world.client("it_member").get("/commitments/?state=").content.decode()
    assert f"/commitments/{c_.pk}/keep/" not in page
    again = world.client("it_member").post(f"/commitments/{c_.pk}/break/", follow=True)
    assert "already kept" in again.content.decode()
    c_.refresh_from_db()
    assert c_.state == "kept"


def test_the_register_makes_no_query_per_row(world, django_assert_max_num_queries):
    people = [
        Person.objects.create(display_name=f"P{i}", organization=world.hal.organization)
        for i in range(3)
    ]
    for i in range(30):
        world.commitment(to=people[i % 3], what=f"Promise {i}")
        world.commitment(by=world.ada, rel=world.rel_it, to=world.cleo_person, what=f"IT {i}")
    c = world.client("it_manager")
    c.get("/commitments/")  # warm the session
    # A scope takes 5 queries (memberships, the units below and above, the organizations),
    # read once per request (page and menu share it); the other side's relationships take 1.
    with django_assert_max_num_queries(14):
        response = c.get("/commitments/?state=")
    assert response.context["page"]["count"] == 60


@pytest.mark.parametrize(
    "query", ["state=bogus", "strength=%3Cscript%3E", "due=someday", "promisor=abc"]
)
def test_a_register_filter_it_cannot_use_is_a_400_naming_it(world, query):
    response = world.client("it_member").get(f"/commitments/?{query}")
    assert response.status_code == 400
    name = query.split("=")[0]
    assert f"<code>{name}</code>".encode() in response.content
    assert b"<script>" not in response.content


def test_a_promisor_out_of_reach_is_refused_like_an_unknown_one(world, cast):
    stranger = Person.objects.create(display_name="Far Away", organization=cast.ours)
    client = world.client("it_member")
    far = client.get(f"/commitments/?promisor={stranger.pk}")
    unknown = client.get("/commitments/?promisor=999999999")
    assert far.status_code == unknown.status_code == 400
