"""Stored nudges (trustledger.nudges): gathered within the user's scope, one per cause, snooze
and "not relevant" remembered, resolved when the cause goes away. SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from trustledger.cli import main
from trustledger.ledger import actions as ledger
from trustledger.ledger import models as m
from trustledger.nudges import actions
from trustledger.nudges.models import StoredNudge, unread_count

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(cast):  # type: ignore[no-untyped-def]
    now = timezone.now()
    rel = m.Relationship.objects.create(
        our_person=cast.it_member.person,
        counterpart_person=cast.finance_member.person,
        service_level=m.ServiceLevel.PARTNER,
        started_on=(now - dt.timedelta(days=60)).date(),
    )
    promise = ledger.make_commitment(
        cast.it_member, promisor=cast.it_member.person, promisee=cast.finance_member.person,
        what="Fix the VPN", strength="commitment", due_at=now + dt.timedelta(days=2),
        made_at=now - dt.timedelta(days=1), relationship=rel,
    )  # fmt: skip
    return cast, rel, promise


def kinds(user) -> dict[str, StoredNudge]:  # type: ignore[no-untyped-def]
    return {
        s.kind: s for s in StoredNudge.objects.filter(user=user, resolved_at=None).order_by("pk")
    }


def test_refresh_stores_the_promisors_and_the_promisees_nudges(world):
    cast, rel, promise = world
    actions.refresh_nudges(cast.it_member)
    mine = kinds(cast.it_member)
    assert set(mine) == {"keep_in_touch", "promise_due"}
    assert mine["promise_due"].link == f"/commitments/{promise.pk}/keep/?next=%2Fnudges%2F"
    assert "Cleo Finance" in mine["keep_in_touch"].reason
    assert mine["keep_in_touch"].link.startswith(f"/entry/interaction/?relationship={rel.pk}")
    actions.refresh_nudges(cast.finance_member)
    (owed,) = kinds(cast.finance_member).values()
    assert owed.kind == "owed_to_you" and "Ben Member owes you 1 thing" in owed.reason


def test_refresh_is_idempotent(world):
    cast, _, _ = world
    first = actions.refresh_nudges(cast.it_member)
    again = actions.refresh_nudges(cast.it_member)
    assert (first.added, again.added, again.resolved) == (2, 0, 0)
    assert StoredNudge.objects.filter(user=cast.it_member).count() == 2


def test_a_nudge_disappears_when_the_promise_is_kept(world):
    cast, _, promise = world
    actions.refresh_nudges(cast.it_member)
    actions.refresh_nudges(cast.finance_member)
    ledger.keep_commitment(cast.it_member, promise)
    done = actions.refresh_nudges(cast.it_member)
    assert done.resolved == 1 and "promise_due" not in kinds(cast.it_member)
    actions.refresh_nudges(cast.finance_member)
    # The promisee is asked for their word now, and no longer told it is owed.
    assert set(kinds(cast.finance_member)) == {"confirm_outcome"}


def test_contact_resolves_keep_in_touch(world):
    cast, rel, _ = world
    actions.refresh_nudges(cast.it_member)
    ledger.record_interaction(
        cast.it_member, occurred_at=timezone.now() - dt.timedelta(hours=1), channel="call",
        initiator=cast.it_member.person, participants=[cast.finance_member.person],
        relationship=rel, answered=True,
    )  # fmt: skip
    from django.core.cache import cache

    cache.clear()
    actions.refresh_nudges(cast.it_member)
    assert "keep_in_touch" not in kinds(cast.it_member)


def test_not_relevant_is_remembered_across_refreshes(world):
    cast, _, _ = world
    actions.refresh_nudges(cast.it_member)
    due = kinds(cast.it_member)["promise_due"]
    actions.dismiss(cast.it_member, due.pk)
    actions.refresh_nudges(cast.it_member)
    due.refresh_from_db()
    assert due.dismissed_at is not None
    assert StoredNudge.objects.filter(user=cast.it_member, cause=due.cause).count() == 1
    assert unread_count(cast.it_member.pk) == 1  # the keep-in-touch one


def test_a_snooze_holds_across_refreshes_and_ends(world):
    cast, _, _ = world
    actions.refresh_nudges(cast.it_member)
    due = kinds(cast.it_member)["promise_due"]
    actions.mark_read(cast.it_member, due.pk)
    actions.snooze(cast.it_member, due.pk, 1)
    actions.refresh_nudges(cast.it_member)
    assert unread_count(cast.it_member.pk) == 1
    StoredNudge.objects.filter(pk=due.pk).update(
        snoozed_until=timezone.now() - dt.timedelta(minutes=1)
    )
    assert unread_count(cast.it_member.pk) == 2  # back, unread


def test_a_snooze_needs_a_sensible_number_of_days(world):
    cast, _, _ = world
    actions.refresh_nudges(cast.it_member)
    due = kinds(cast.it_member)["promise_due"]
    with pytest.raises(ValidationError, match="days"):
        actions.snooze(cast.it_member, due.pk, 0)


def test_only_the_nudges_own_user_may_act_on_it(world):
    cast, _, _ = world
    actions.refresh_nudges(cast.it_member)
    due = kinds(cast.it_member)["promise_due"]
    for other in (cast.it_manager, cast.finance_member, cast.admin):
        for act in (actions.mark_read, actions.dismiss):
            with pytest.raises(StoredNudge.DoesNotExist):
                act(other, due.pk)
        with pytest.raises(StoredNudge.DoesNotExist):
            actions.snooze(other, due.pk, 1)


def test_outsiders_and_admins_without_a_person_get_no_nudges_of_others(world):
    cast, _, _ = world
    for user in (cast.outsider, cast.admin, cast.viewer):
        assert actions.refresh_nudges(user).showing == ()


def test_the_cli_prints_a_dry_run_and_stores_on_refresh(world, capsys):
    cast, _, _ = world
    assert main(["nudges", "--dry-run", "--user", "it_member"]) == 0
    out = capsys.readouterr().out
    assert "it_member: 2 nudge(s)" in out and "[digest] promise_due: Due" in out
    assert StoredNudge.objects.count() == 0  # a dry run stores nothing
    assert main(["nudges", "refresh", "--user", "it_member"]) == 0
    assert "it_member: 2 found, 2 new" in capsys.readouterr().out
    assert StoredNudge.objects.count() == 2
    assert main(["nudges"]) == 2
    assert "--dry-run" in capsys.readouterr().err


def test_the_calendar_feed_carries_the_keep_in_touch_date_all_day(world):
    from django.test import Client
    from icalendar import Calendar

    from trustledger.api.tokens import regenerate_feed

    cast, rel, _ = world
    _, plain = regenerate_feed(cast.it_member)
    ics = Client().get(f"/feeds/{plain}.ics").content
    events = {str(e["UID"]): e for e in Calendar.from_ical(ics).walk("VEVENT")}
    due = rel.started_on + dt.timedelta(days=21)  # a partner: every 21 days, no contact yet
    item = events[f"keep-in-touch-{rel.pk}-{due.isoformat()}@trustledger"]
    assert item.decoded("DTSTART") == due  # a date: an all-day item
    assert str(item["SUMMARY"]) == "Keep in touch with Cleo Finance"
    assert "every 21 days" in str(item["DESCRIPTION"])
    # The other side's feed has no item for a relationship it does not keep.
    _, theirs = regenerate_feed(cast.finance_member)
    ics = Client().get(f"/feeds/{theirs}.ics").content
    assert not [e for e in Calendar.from_ical(ics).walk("VEVENT") if "keep-in-touch" in e["UID"]]


def test_a_review_due_is_nudged_and_recording_it_resolves_it(world):
    cast, rel, _ = world
    today = timezone.localdate()
    m.QualityReview.objects.create(
        relationship=rel, held_on=today - dt.timedelta(days=80), next_review_due=today
    )
    actions.refresh_nudges(cast.it_member)
    due = kinds(cast.it_member)["review_due"]
    assert f"/entry/review/?relationship={rel.pk}" in due.link
    m.QualityReview.objects.create(
        relationship=rel, held_on=today, next_review_due=today + dt.timedelta(days=90)
    )
    actions.refresh_nudges(cast.it_member)
    assert "review_due" not in kinds(cast.it_member)


def test_the_calendar_feed_carries_the_next_review_all_day(world):
    from django.test import Client
    from icalendar import Calendar

    from trustledger.api.tokens import regenerate_feed

    cast, rel, _ = world
    today = timezone.localdate()
    m.QualityReview.objects.create(relationship=rel, held_on=today - dt.timedelta(days=10))
    _, plain = regenerate_feed(cast.it_member)
    events = {
        str(e["UID"]): e
        for e in Calendar.from_ical(Client().get(f"/feeds/{plain}.ics").content).walk("VEVENT")
    }
    due = today - dt.timedelta(days=10) + dt.timedelta(days=90)  # the review interval
    item = events[f"review-due-{rel.pk}-{due.isoformat()}@trustledger"]
    assert item.decoded("DTSTART") == due
    assert str(item["SUMMARY"]) == "Quality review with Cleo Finance"
    assert "every 90 days" in str(item["DESCRIPTION"])
    _, theirs = regenerate_feed(cast.finance_member)
    ics = Client().get(f"/feeds/{theirs}.ics").content
    assert not [e for e in Calendar.from_ical(ics).walk("VEVENT") if "review-due" in e["UID"]]


def test_signals_reach_the_keeper_of_the_relationship(world):
    """A loop we closed that the other side has not seen, after its days, is nudged; their
    seeing it resolves the nudge."""
    cast, rel, _ = world
    now = timezone.now()
    item = m.FeedbackItem.objects.create(
        relationship=rel,
        from_person=cast.finance_member.person,
        received_at=now - dt.timedelta(days=9),
        summary="The VPN drops every hour",
        responded_at=now - dt.timedelta(days=6),
        loop_closed_at=now - dt.timedelta(days=5),
        our_response="Moved the VPN to the new gateway",
    )
    actions.refresh_nudges(cast.it_member)
    unseen = kinds(cast.it_member)["answer_unseen"]
    assert unseen.cause == f"answer_unseen:feedback:{item.pk}"
    assert "Cleo Finance has not seen what you changed" in unseen.reason
    assert unseen.link == f"/records/feedback/{item.pk}/"
    m.FeedbackItem.objects.filter(pk=item.pk).update(seen_closed_at=now)
    actions.refresh_nudges(cast.it_member)
    assert "answer_unseen" not in kinds(cast.it_member)


def test_a_manager_hears_of_the_teams_overdue_promises_and_the_member_of_their_own(world):
    cast, _, promise = world
    past = timezone.now() - dt.timedelta(days=2)
    m.Commitment.objects.filter(pk=promise.pk).update(
        made_at=past - dt.timedelta(days=5), due_at=past
    )
    actions.refresh_nudges(cast.it_manager)
    team = kinds(cast.it_manager)["team_overdue"]
    assert "1 promise of IT is overdue (Ben Member 1)" in team.reason
    assert team.link == f"/units/{cast.it.pk}/"
    actions.refresh_nudges(cast.it_member)
    mine = kinds(cast.it_member)
    assert "promise_overdue" in mine and "team_overdue" not in mine
    ledger.keep_commitment(cast.it_member, promise)
    actions.refresh_nudges(cast.it_manager)
    assert "team_overdue" not in kinds(cast.it_manager)
