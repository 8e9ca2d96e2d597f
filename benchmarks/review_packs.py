"""Review pack and unit trust report PDFs on a generated organization (issue 18).

    export PYTHONPATH=$PWD TRUSTLEDGER_DEBUG=1 TRUSTLEDGER_DATA_DIR=/tmp/packs-bench
    .venv/bin/trustledger migrate
    .venv/bin/trustledger generate --people 20000 --units 500 --events 2000000 --days 730 \
        --seed 7 --until 2026-11-20
    .venv/bin/python benchmarks/review_packs.py --runs 3

The generator makes units, people and interactions only. Once (marked by the relationship's
purpose), this seeds one unit relationship between the team with the most people and the
unit its people talk to most, with two years of ledger evidence on it: a commitment every
two weeks (kept, kept late, broken, confirmed, claimed, disputed, some open), feedback every
month, a quality review every 90 days with two agreed measures, a decision a quarter with
the counterpart told before or surprised, and a need every two months. Then, through
Django's test client as an admin (every unit in scope): the review pack's PDF for that
relationship, and the unit trust report's PDF for the team's department (the trust map over
all the units). Each request cold (report cache cleared) and timed; median, min and max.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trustledger.settings")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402

from trustledger.accounts.actions import create_user  # noqa: E402
from trustledger.accounts.models import User  # noqa: E402
from trustledger.directory.models import Person, Unit  # noqa: E402
from trustledger.ledger import models as m  # noqa: E402

PURPOSE = "benchmarks/review_packs.py: two years of evidence"
UNTIL = dt.datetime(2026, 11, 20, 12, tzinfo=dt.UTC)


def busiest_pair() -> tuple[Unit, Unit]:
    """The team with the most people, and the other unit its people's interactions reach most."""
    ours = (
        Unit.objects.filter(parent__isnull=False)
        .annotate(n=Count("people"))
        .order_by("-n", "pk")
        .first()
    )
    assert ours is not None, "no generated teams: run trustledger generate first"
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT p2.unit_id, COUNT(*) FROM ledger_interaction i
            JOIN directory_person p1 ON p1.id = i.initiator_id
            JOIN ledger_interactionparticipant ip ON ip.interaction_id = i.id
            JOIN directory_person p2 ON p2.id = ip.person_id
            WHERE p1.unit_id = %s AND p2.unit_id <> %s
            GROUP BY p2.unit_id ORDER BY COUNT(*) DESC LIMIT 1
            """,
            [ours.pk, ours.pk],
        )
        row = cursor.fetchone()
    return ours, Unit.objects.get(pk=row[0])


@transaction.atomic
def seed() -> m.Relationship:
    found = m.Relationship.objects.filter(purpose=PURPOSE).first()
    if found:
        return found
    ours, theirs = busiest_pair()
    start = (UNTIL - dt.timedelta(days=730)).date()
    rel = m.Relationship.objects.create(
        our_unit=ours, counterpart_unit=theirs, started_on=start, purpose=PURPOSE,
        service_level=m.ServiceLevel.PROBLEM_SOLVER,
    )  # fmt: skip
    our_people = list(Person.objects.filter(unit=ours).order_by("pk")[:5])
    their_people = list(Person.objects.filter(unit=theirs).order_by("pk")[:5])
    states = ["kept", "kept", "kept_late", "broken", "kept", "released"]
    confirmations = ["confirmed", "claimed", "claimed", "disputed", "confirmed", "claimed"]
    commitments = []
    for i in range(52):  # every two weeks for two years
        made = UNTIL - dt.timedelta(days=730 - 14 * i)
        due = made + dt.timedelta(days=21)
        open_ = due > UNTIL
        ours_promise = i % 3 != 2
        promisor = (our_people if ours_promise else their_people)[i % 5]
        promisee = (their_people if ours_promise else our_people)[i % 5]
        commitments.append(
            m.Commitment(
                promisor=promisor, promisee=promisee, relationship=rel,
                what=f"Deliverable {i + 1}", strength=["commitment", "best_effort",
                "good_intention"][i % 3], made_at=made, due_at=due,
                state="open" if open_ else states[i % 6],
                closed_at=None if open_ else due - dt.timedelta(days=1),
                confirmation="claimed" if open_ else confirmations[i % 6], source="bench",
            )
        )  # fmt: skip
    m.Commitment.objects.bulk_create(commitments)
    m.FeedbackItem.objects.bulk_create(
        m.FeedbackItem(
            relationship=rel, received_at=UNTIL - dt.timedelta(days=730 - 30 * i),
            from_person=their_people[i % 5], summary=f"Feedback {i + 1}",
            sentiment=["positive", "negative", "neutral"][i % 3],
            our_response="" if i % 4 == 3 else f"Changed {i + 1}",
            loop_closed_at=None if i % 4 == 3 else UNTIL - dt.timedelta(days=720 - 30 * i),
        )
        for i in range(24)
    )  # fmt: skip
    measures = [
        m.AgreedMeasure.objects.create(
            relationship=rel, name=name, target=target, agreed_on=start, agreed_by_both=True
        )
        for name, target in (("Tickets answered within a day", "95 %"), ("Outages", "0"))
    ]
    for i in range(8):  # every 90 days
        review = m.QualityReview.objects.create(
            relationship=rel, held_on=start + dt.timedelta(days=90 * (i + 1)),
            notes=f"Review {i + 1}", next_review_due=start + dt.timedelta(days=90 * (i + 2)),
        )  # fmt: skip
        review.attendees.set(our_people[:2] + their_people[:2])
        for k, measure in enumerate(measures):
            m.QualityReviewMeasure.objects.create(
                review=review, measure=measure, status=["on_track", "at_risk", "met"][(i + k) % 3]
            )
    for i in range(8):  # a decision a quarter
        decision = m.Decision.objects.create(
            title=f"Decision {i + 1}", decided_at=UNTIL - dt.timedelta(days=700 - 90 * i),
            deciding_unit=ours, relationship=rel,
        )  # fmt: skip
        m.DecisionStakeholder.objects.create(
            decision=decision, unit=theirs, role="told_before" if i % 2 else "surprised"
        )
    m.Need.objects.bulk_create(
        m.Need(
            relationship=rel, description=f"Need {i + 1}",
            raised_at=UNTIL - dt.timedelta(days=720 - 60 * i),
            status=["met", "open", "dropped"][i % 3],
        )
        for i in range(12)
    )  # fmt: skip
    return rel


def timed(client: Client, url: str, runs: int) -> list[float]:
    seconds = []
    for _ in range(runs):
        cache.clear()
        started = time.perf_counter()
        response = client.get(url)
        seconds.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
        assert response.content.startswith(b"%PDF-")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rel = seed()
    admin = User.objects.filter(username="benchadmin").first() or create_user(
        username="benchadmin", password="bench-admin-pw-1", admin=True, check_password=False
    )
    client = Client()
    client.force_login(admin)
    department = rel.our_unit.parent or rel.our_unit
    size = {
        "units": Unit.objects.count(),
        "people": Person.objects.count(),
        "interactions": m.Interaction.objects.count(),
        "crossing the relationship's sides (2 years)": m.Interaction.objects.filter(
            initiator__unit=rel.our_unit, participants__person__unit=rel.counterpart_unit
        ).count(),
    }
    print(f"organization: {size}")
    print(f"relationship {rel.pk}: {rel.our_unit} ↔ {rel.counterpart_unit}")
    until = UNTIL.date().isoformat()
    for name, url in (
        ("review pack PDF", f"/relationships/{rel.pk}/review-pack.pdf?as_of={until}"),
        (
            "review pack PDF, the whole two years",
            f"/relationships/{rel.pk}/review-pack.pdf?as_of={until}&since={rel.started_on}",
        ),
        (f"unit trust report PDF ({department})", f"/units/{department.pk}/trust-report.pdf"),
    ):
        seconds = timed(client, url, args.runs)
        print(
            f"{name}: median {statistics.median(seconds):.2f} s, min {min(seconds):.2f} s, "
            f"max {max(seconds):.2f} s over {args.runs} cold runs (load {os.getloadavg()[0]:.1f})"
        )


if __name__ == "__main__":
    main()
