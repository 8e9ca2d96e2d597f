"""The demo's interactions and commitments: talking at them before the turnaround, with them after."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from trustledger.demo import cast
from trustledger.directory.models import Person
from trustledger.ledger import models as m

if TYPE_CHECKING:
    from trustledger.demo.load import _Builder

DAY = dt.timedelta(days=1)


# --- interactions ------------------------------------------------------------------------
def _interaction(
    b: _Builder,
    when: dt.datetime,
    channel: str,
    initiator: str,
    to: list[str],
    *,
    rel: str | None,
    answered: bool | None,
    broadcast: bool = False,
    focus: str = "unknown",
    minutes: float | None = None,
    subject: str = "",
    asked: tuple[bool, bool | None] = (False, None),
) -> None:
    b._ext += 1
    b._pending.append(
        (
            m.Interaction(
                occurred_at=when,
                channel=channel,
                initiator=b.people[initiator],
                relationship=b.rels[rel] if rel else None,
                answered=answered,
                is_broadcast=broadcast,
                focus=focus,
                is_request=asked[0],
                intent_declared=asked[1],
                duration_minutes=minutes,
                subject=subject,
                source="demo",
                external_id=f"demo-{b._ext}",
            ),
            [(b.people[k], "attendee" if channel == "meeting" else "to") for k in to],
        )
    )


def interactions(b: _Builder) -> None:
    b._pending: list[tuple[m.Interaction, list[tuple[Person, str]]]] = []
    rng = b.rng
    turnaround = (cast.TURNAROUND - cast.DEMO_START).days
    for week in range(52):
        base = week * 7
        after = base >= turnaround
        # IT's weekly status broadcast to both customer units: talking AT them.
        _interaction(
            b,
            b.at(base + 1, 9),
            "email",
            "it_pm",
            cast.FINANCE_PEOPLE + cast.MARKETING_PEOPLE,
            rel=None,
            answered=False,
            broadcast=True,
            focus="ours",
            subject="IT weekly status",
        )
        for rel, ours, theirs in (
            ("it_finance", cast.IT_PEOPLE, cast.FINANCE_PEOPLE),
            ("it_marketing", cast.IT_PEOPLE, cast.MARKETING_PEOPLE),
        ):
            mails = rng.randint(3, 5) if after else rng.randint(1, 3)
            for _ in range(mails):
                from_us = rng.random() < (0.5 if after else 0.75)
                mine, yours = (rng.choice(ours), rng.choice(theirs))
                initiator, target = (mine, yours) if from_us else (yours, mine)
                answered = rng.random() < (0.85 if after else 0.35)
                focus = (
                    rng.choice(["theirs", "shared"])
                    if after
                    else rng.choice(["ours", "ours", "shared"])
                )
                # Our asks: before the turnaround none said why; after, IT says why to
                # Finance and still not to Marketing (the demo's "declare your intent").
                asked = (
                    (True, after and rel == "it_finance")
                    if from_us and focus != "theirs"
                    else (False, None)
                )
                _interaction(
                    b,
                    b.at(base + rng.randint(0, 4), rng.randint(8, 17)),
                    "email",
                    initiator,
                    [target],
                    rel=rel,
                    answered=answered,
                    focus=focus,
                    asked=asked,
                )
            if after and week % 2 == 0:
                _interaction(
                    b,
                    b.at(base + 2, 14),
                    "meeting",
                    ours[0],
                    theirs[:3],
                    rel=rel,
                    answered=True,
                    focus="theirs",
                    minutes=45,
                    subject="Service review",
                )
            if after and rng.random() < 0.5:
                _interaction(
                    b,
                    b.at(base + 3, 11),
                    "chat",
                    rng.choice(ours),
                    [rng.choice(theirs)],
                    rel=rel,
                    answered=True,
                    focus="shared",
                )
        # The CIO and the CFO: rare before, regular after.
        if after or week % 4 == 0:
            _interaction(
                b,
                b.at(base + 2, 16),
                "meeting" if after else "email",
                "cio",
                ["cfo"],
                rel="cio_cfo",
                answered=True,
                focus="theirs" if after else "ours",
                minutes=30 if after else None,
            )
        if after and week % 3 == 0:
            _interaction(
                b,
                b.at(base + 4, 12),
                "in_person",
                "cfo",
                ["cio"],
                rel="cio_cfo",
                answered=True,
                focus="shared",
                minutes=60,
                subject="Lunch",
            )
        if week % (2 if after else 5) == 0:
            _interaction(
                b,
                b.at(base + 1, 15),
                "call",
                "cio",
                ["cmo"],
                rel="cio_cmo",
                answered=True,
                focus="shared" if after else "ours",
                minutes=20,
            )
        if week % 2 == 0:
            _interaction(
                b,
                b.at(base + 3, 10),
                "meeting",
                "it_lead",
                ["partner_lead"],
                rel="it_partner",
                answered=True,
                focus="shared",
                minutes=60,
                subject="ERP migration steering",
            )
        if week % 6 == 0:
            _interaction(
                b,
                b.at(base + 2, 10),
                "email",
                "supplier_am",
                ["it_sre"],
                rel="it_supplier",
                answered=rng.random() < 0.6,
                focus="theirs",
            )
        if week % 2 == 1:
            initiator, other = ("customer_coo", "ceo") if week > 20 else ("ceo", "customer_coo")
            _interaction(
                b,
                b.at(base + 1, 17),
                rng.choice(["call", "in_person", "meeting"]),
                initiator,
                [other],
                rel="ceo_customer",
                answered=True,
                focus="shared",
                minutes=40,
            )
        if week % 3 == 0:
            _interaction(
                b,
                b.at(base + 4, 9),
                "meeting",
                "cio",
                ["ceo"],
                rel="cio_ceo",
                answered=True,
                focus="shared",
                minutes=30,
            )
        # Inside IT, onshore and offshore.
        for _ in range(6):
            sender, receiver = rng.sample(cast.IT_PEOPLE, 2)
            _interaction(
                b,
                b.at(base + rng.randint(0, 4), rng.randint(7, 16)),
                rng.choice(["chat", "email", "call"]),
                sender,
                [receiver],
                rel=None,
                answered=True,
                focus="shared",
            )
    m.Interaction.objects.bulk_create([i for i, _ in b._pending], batch_size=500)
    participants = [
        m.InteractionParticipant(interaction=i, person=person, role=role, occurred_at=i.occurred_at)
        for i, people in b._pending
        for person, role in people
    ]
    m.InteractionParticipant.objects.bulk_create(participants, batch_size=1000)


# --- commitments ---------------------------------------------------------------------------
def commitments(b: _Builder) -> None:
    rng = b.rng
    turnaround = (cast.TURNAROUND - cast.DEMO_START).days
    whats = [
        "Fix the invoice export for the month-end close",
        "Restore the campaign landing page tracking",
        "Deliver the budget dashboard",
        "Migrate the expense tool to single sign-on",
        "Provide the cost report per cloud account",
        "Set up the newsletter sending domain",
        "Automate the bank statement import",
        "Raise the CRM mail quota",
        "Patch the payroll interface",
        "Share the outage root cause",
        "Add the VAT field to the order form",
        "Speed up the web analytics export",
    ]
    for i in range(26):
        early = i < 12
        made_day = rng.randint(5, turnaround - 30) if early else rng.randint(turnaround + 5, 345)
        rel = "it_finance" if i % 2 == 0 else "it_marketing"
        promisee = rng.choice(cast.FINANCE_PEOPLE if rel == "it_finance" else cast.MARKETING_PEOPLE)
        promisor = rng.choice(["cio", "it_lead", "it_pm", "it_dev1"])
        strength = (
            rng.choice(["best_effort", "good_intention", "best_effort"])
            if early
            else rng.choice(["commitment", "commitment", "best_effort"])
        )
        made = b.at(made_day, 11)
        due = made + dt.timedelta(days=rng.randint(7, 21))
        what = whats[i % len(whats)]
        if early:
            state = rng.choice(["broken", "broken", "kept_late", "kept_late", "kept"])
        elif due > cast.DEMO_END - 3 * DAY:
            state = "open"
        else:
            state = rng.choice(["kept", "kept", "kept", "kept", "kept_late"])
        commitment = m.Commitment.objects.create(
            promisor=b.people[promisor],
            promisee=b.people[promisee],
            relationship=b.rels[rel],
            what=what,
            statement=_sentence(strength, what),
            strength=strength,
            made_at=made,
            due_at=due,
            in_our_power=strength == "commitment",
            source="demo",
            external_id=f"demo-c{i + 1}",
        )
        m.CommitmentEvent.objects.create(
            commitment=commitment, at=made, from_state="", to_state="open"
        )
        if state != "open":
            closed = {
                "kept": due - dt.timedelta(days=rng.randint(0, 3)),
                "kept_late": due + dt.timedelta(days=rng.randint(3, 20)),
                "broken": due + dt.timedelta(days=rng.randint(1, 10)),
            }[state]
            _close(b, commitment, state, min(closed, cast.DEMO_END))
    # One renegotiated before its due date, and a successor that was kept.
    made = b.at(turnaround + 40, 11)
    first = m.Commitment.objects.create(
        promisor=b.people["it_lead"],
        promisee=b.people["fin1"],
        relationship=b.rels["it_finance"],
        what="Deliver the month-end close automation",
        statement=_sentence("commitment", "Deliver the month-end close automation"),
        strength="commitment",
        made_at=made,
        due_at=made + 30 * DAY,
        in_our_power=True,
        source="demo",
        external_id="demo-c-reneg-1",
    )
    m.CommitmentEvent.objects.create(commitment=first, at=made, from_state="", to_state="open")
    _close(
        b,
        first,
        "renegotiated",
        made + 20 * DAY,
        note="New date agreed ten days before the due date.",
    )
    second = m.Commitment.objects.create(
        promisor=first.promisor,
        promisee=first.promisee,
        relationship=first.relationship,
        what=first.what,
        statement=first.statement,
        strength="commitment",
        made_at=made + 20 * DAY,
        due_at=made + 45 * DAY,
        in_our_power=True,
        renegotiated_from=first,
        source="demo",
        external_id="demo-c-reneg-2",
    )
    m.CommitmentEvent.objects.create(
        commitment=second, at=second.made_at, from_state="", to_state="open"
    )
    _close(b, second, "kept", made + 44 * DAY)
    # Open and overdue at the end of the year; and a good intention about something not in our power.
    m.Commitment.objects.create(
        promisor=b.people["it_dev1"],
        promisee=b.people["mkt2"],
        relationship=b.rels["it_marketing"],
        what="Move the events microsite to the new CDN",
        statement=_sentence("good_intention", "move the events microsite"),
        strength="good_intention",
        in_our_power=False,
        made_at=cast.DEMO_END - 30 * DAY,
        due_at=cast.DEMO_END - 5 * DAY,
        source="demo",
        external_id="demo-c-overdue",
    )


def _close(
    b: _Builder, commitment: m.Commitment, state: str, at: dt.datetime, note: str = ""
) -> None:
    previous = commitment.state
    commitment.state, commitment.closed_at = state, at
    commitment.save(update_fields=["state", "closed_at"])
    m.CommitmentEvent.objects.create(
        commitment=commitment, at=at, from_state=previous, to_state=state, note=note
    )


def _sentence(strength: str, what: str) -> str:
    lead = {
        "commitment": "I will",
        "best_effort": "I'll do my best to",
        "good_intention": "I'll try to",
    }[strength]
    return f"{lead} {what[0].lower()}{what[1:]}."
