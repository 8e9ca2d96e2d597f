"""Everyone's nudges at once (trustledger.nudges.batch) agree with each user's own
(`gather.nudges_for`): the same causes and reasons, user by user, on a small world with every
kind of side and on the demo, after a full recompute. SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from trustledger.accounts.access import scope_for
from trustledger.accounts.models import User
from trustledger.analytics.recompute import recompute
from trustledger.directory.models import Organization, Person, Unit
from trustledger.ledger import models as m
from trustledger.nudges import batch, gather

pytestmark = pytest.mark.django_db

AS_OF = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _analytics(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.TRUSTLEDGER_ANALYTICS_DIR = tmp_path / "analytics"


def _said(nudges) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(x.cause, x.reason) for x in nudges]


def _compare(as_of: dt.datetime) -> dict[int, list[tuple[str, str]]]:
    users = list(User.objects.order_by("pk"))
    everyone = dict(batch.everyones_nudges(as_of, users))
    assert set(everyone) == {u.pk for u in users}
    for user in users:
        one = _said(gather.nudges_for(scope_for(user), user.pk, as_of))
        assert _said(everyone[user.pk]) == one, user.username
    return {pk: _said(found) for pk, found in everyone.items()}


def _talk(initiator, audience, when, channel="meeting", answered=None):  # type: ignore[no-untyped-def]
    i = m.Interaction.objects.create(
        occurred_at=when, channel=channel, initiator=initiator, answered=answered
    )
    for p in audience:
        m.InteractionParticipant.objects.create(
            interaction=i, person=p, role="to", occurred_at=when
        )
    return i


def _promise(promisor, promisee, what, due, *, rel=None, **kw):  # type: ignore[no-untyped-def]
    return m.Commitment.objects.create(
        promisor=promisor,
        promisee=promisee,
        relationship=rel,
        what=what,
        strength="commitment",
        made_at=AS_OF - dt.timedelta(days=max(20, 10 - due)),
        due_at=AS_OF + dt.timedelta(days=due),
        **kw,
    )


@pytest.fixture
def world(cast):  # type: ignore[no-untyped-def]
    it_unit, finance = cast.it, cast.finance
    ada, ben, cleo = (
        Person.objects.get(display_name=n) for n in ("Ada Manager", "Ben Member", "Cleo Finance")
    )
    ops = Unit.objects.create(organization=cast.ours, name="IT Ops", parent=it_unit)
    dan = Person.objects.create(display_name="Dan Ops", organization=cast.ours, unit=ops)
    vendor = Organization.objects.create(name="Vendorco", kind="supplier")
    vera = Person.objects.create(display_name="Vera Vendor", organization=vendor)
    walt = Person.objects.create(display_name="Walt Vendor", organization=vendor)
    started = (AS_OF - dt.timedelta(days=200)).date()

    def rel(**sides):  # type: ignore[no-untyped-def]
        return m.Relationship.objects.create(
            service_level=m.ServiceLevel.PARTNER, started_on=started, **sides
        )

    ben_cleo = rel(our_person=ben, counterpart_person=cleo)
    rel(our_person=cleo, counterpart_person=ben)  # the same pair kept from both ends
    it_finance = rel(our_unit=it_unit, counterpart_unit=finance)
    it_vendor = rel(our_unit=it_unit, counterpart_organization=vendor)
    ops_cleo = rel(our_unit=ops, counterpart_person=cleo)
    ada_vendor = rel(our_person=ada, counterpart_organization=vendor)
    finance_it = rel(our_unit=finance, counterpart_unit=it_unit)  # Finance serves IT
    never = rel(our_person=ben, counterpart_person=vera)  # no contact at all
    ended = rel(our_person=cleo, counterpart_person=ben, status=m.RelationshipStatus.ENDED)
    m.Relationship.objects.filter(pk=ada_vendor.pk).update(cadence_days=10)
    # Contacts: two-way (a meeting, an answered mail), one-way (an unanswered mail).
    _talk(ben, [cleo], AS_OF - dt.timedelta(days=70))
    _talk(cleo, [ben], AS_OF - dt.timedelta(days=10), channel="email", answered=False)
    _talk(dan, [walt], AS_OF - dt.timedelta(days=50), channel="email", answered=True)
    _talk(ada, [vera, walt], AS_OF - dt.timedelta(days=95), channel="call")
    _talk(dan, [cleo], AS_OF - dt.timedelta(days=120), channel="chat", answered=True)
    _talk(cleo, [dan, ben], AS_OF - dt.timedelta(days=40))
    inside = _talk(ada, [ben], AS_OF - dt.timedelta(days=3))  # inside one side only
    # Sentences from mail that read as promises, awaiting review (the writer, their managers).
    from trustledger.promises.models import ProposedPromise

    for i, (promisor, promisee, state) in enumerate(
        [(ben, ada, "proposed"), (dan, cleo, "proposed"), (cleo, ben, "proposed"),
         (ben, cleo, "dismissed")]
    ):  # fmt: skip
        ProposedPromise.objects.create(
            key=f"k{i}", interaction=inside, written_at=inside.occurred_at, sentence="I will",
            sentence_index=i, strength_found="commitment", strength="commitment", promisor=promisor,
            promisee=promisee, state=state,
        )  # fmt: skip
    # Promises: due soon, overdue, kept and claimed, disputed, owed to a side, on an ended one.
    _promise(ben, cleo, "Fix the VPN", 2, rel=ben_cleo)
    _promise(ben, cleo, "Send the report", -5, rel=ben_cleo)
    _promise(dan, cleo, "Move the server", 1, rel=ops_cleo)
    _promise(cleo, ada, "Approve the budget", 3, rel=finance_it)
    _promise(
        ada, vera, "Renew the licence", -30, rel=ada_vendor,
        state=m.CommitmentState.KEPT, closed_at=AS_OF - dt.timedelta(days=2),
    )  # fmt: skip
    _promise(
        ben, cleo, "Train the team", -20, rel=ben_cleo, state=m.CommitmentState.KEPT,
        closed_at=AS_OF - dt.timedelta(days=8), confirmation=m.Confirmation.DISPUTED,
        confirmation_at=AS_OF - dt.timedelta(days=3),
    )  # fmt: skip
    _promise(
        cleo, ada, "Close the books", -10, rel=finance_it,
        state=m.CommitmentState.KEPT, closed_at=AS_OF - dt.timedelta(days=1),
    )  # fmt: skip
    _promise(cleo, ben, "Share the numbers", 4, rel=ended)
    _promise(ada, cleo, "Call back", 5)  # on no relationship
    # Feedback: waiting long, waiting briefly, closed and unseen.
    m.FeedbackItem.objects.create(
        relationship=it_finance, received_at=AS_OF - dt.timedelta(days=30), from_person=cleo,
        summary="Tickets stall",
    )  # fmt: skip
    m.FeedbackItem.objects.create(
        relationship=ben_cleo, received_at=AS_OF - dt.timedelta(days=1), summary="Thanks"
    )
    m.FeedbackItem.objects.create(
        relationship=it_vendor, received_at=AS_OF - dt.timedelta(days=40), from_person=walt,
        summary="Slow invoices", our_response="A new form",
        responded_at=AS_OF - dt.timedelta(days=6), loop_closed_at=AS_OF - dt.timedelta(days=6),
    )  # fmt: skip
    m.QualityReview.objects.create(
        relationship=it_finance, held_on=(AS_OF - dt.timedelta(days=100)).date()
    )
    m.QualityReview.objects.create(
        relationship=ben_cleo,
        held_on=(AS_OF - dt.timedelta(days=30)).date(),
        next_review_due=(AS_OF + dt.timedelta(days=3)).date(),
    )
    recompute("full", as_of=AS_OF)
    return cast, never


def test_batch_agrees_with_each_users_own_nudges(world):
    cast, never = world
    found = _compare(AS_OF)
    kinds = {cause.split(":")[0] for said in found.values() for cause, _ in said}
    # The world exercises what the batch reads: contacts, promises both ways, loops, reviews.
    assert {
        "keep_in_touch",
        "promise_due",
        "promise_overdue",
        "answer_dispute",
        "confirm_outcome",
        "owed_to_you",
        "feedback_unanswered",
        "review_due",
        "answer_unseen",
        "promises_found",
        "team_overdue",
    } <= kinds
    ben = found[cast.it_member.pk]
    assert any(c.startswith(f"keep_in_touch:rel:{never.pk}:") for c, _ in ben)


def test_a_contact_after_the_recompute_is_not_seen_until_the_next_one(world):
    """The documented difference: the batch reads the figures of the last recompute."""
    cast, never = world
    ben = Person.objects.get(display_name="Ben Member")
    vera = Person.objects.get(display_name="Vera Vendor")
    _talk(ben, [vera], AS_OF - dt.timedelta(hours=1))
    scope = scope_for(cast.it_member)
    one = {n.cause for n in gather.nudges_for(scope, cast.it_member.pk, AS_OF)}
    everyone = dict(batch.everyones_nudges(AS_OF, [cast.it_member]))
    many = {n.cause for n in everyone[cast.it_member.pk]}
    late = {c for c in many - one if c.startswith(f"keep_in_touch:rel:{never.pk}:")}
    assert late and not (one - many)
    recompute("full", as_of=AS_OF)
    _compare(AS_OF)


def test_batch_agrees_on_the_demo():
    from trustledger.demo.load import load_demo

    load_demo()
    as_of = timezone.now().replace(microsecond=0)
    recompute("full", as_of=as_of)
    found = _compare(as_of)
    assert sum(len(said) for said in found.values()) > 0


def _planned(report) -> list[tuple[str, str, str, list[str]]]:  # type: ignore[no-untyped-def]
    return sorted(
        (p.user.username, p.key, p.subject, sorted(n.cause for n in p.nudges))
        for p in report.planned
    )


def test_the_mail_job_plans_the_same_mails_from_the_batch(world, settings):
    from trustledger.nudges import mail
    from trustledger.nudges.models import MailPreference

    users = list(User.objects.order_by("pk"))
    for user in users:
        User.objects.filter(pk=user.pk).update(email=f"{user.username}@example.org")
        MailPreference.objects.update_or_create(
            user=user, defaults={"weekday": AS_OF.weekday(), "hour": AS_OF.hour, "time_zone": "UTC"}
        )
    users = list(User.objects.order_by("pk"))
    settings.TRUSTLEDGER_NUDGE_BATCH_FROM = 10_000
    assert mail.everyones(users, AS_OF) == {}
    one = _planned(mail.send_due(users, now=AS_OF, dry_run=True))
    settings.TRUSTLEDGER_NUDGE_BATCH_FROM = 1
    assert set(mail.everyones(users, AS_OF)) == {u.pk for u in users}
    many = _planned(mail.send_due(users, now=AS_OF, dry_run=True))
    assert many == one
    assert any(key.startswith("now:") for _, key, _, _ in one)
    assert any(not key.startswith("now:") for _, key, _, _ in one)


def test_the_mail_job_waits_for_figures_of_a_new_relationship(world, settings):
    from trustledger.nudges import mail

    cast, _ = world
    settings.TRUSTLEDGER_NUDGE_BATCH_FROM = 1
    users = list(User.objects.order_by("pk"))
    assert mail.everyones(users, AS_OF)
    m.Relationship.objects.create(
        our_person=Person.objects.get(display_name="Dan Ops"),
        counterpart_unit=cast.finance,
        started_on=AS_OF.date(),
    )
    assert mail.everyones(users, AS_OF) == {}  # each user's own path until the next recompute
