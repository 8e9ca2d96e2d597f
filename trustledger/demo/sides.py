"""Both sides of the demo's relationships (issue 14, docs/both-sides.md).

Finance and Marketing stand on the other side of IT's relationships with them: here IT owes
them open promises, they owe IT one each, and IT keeps two internal notes marked private
that the other side never reads. The Marketing member login (lena) is in `cast.LOGINS`.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from trustledger.demo import cast
from trustledger.ledger import models as m

if TYPE_CHECKING:
    from trustledger.demo.load import _Builder

DAY = dt.timedelta(days=1)

# (relationship, promisor, promisee, what, made days before the demo's end, due days after it)
OPEN_PROMISES = [
    ("it_finance", "cio", "cfo", "Send Finance the 2027 IT cost forecast per cost centre", 12, 18),
    ("it_finance", "it_dev1", "fin1", "Move the payroll export to the new scheduler", 20, 9),
    ("it_finance", "fin1", "it_pm", "Send IT the cost-centre list for 2027", 6, 11),
    (
        "it_marketing",
        "it_pm",
        "mkt1",
        "Set up the landing-page template for the spring launch",
        9,
        21,
    ),
    ("it_marketing", "mkt1", "it_pm", "Send IT the spring campaign calendar", 4, 7),
]
# Notes the serving side keeps to itself (relationship, initiator, others, subject, days before).
PRIVATE_NOTES = [
    (
        "it_finance",
        "cio",
        ["it_lead", "it_pm"],
        "Internal: how we tell Finance the forecast slips",
        3,
    ),
    ("it_marketing", "it_pm", ["cio"], "Internal: staffing the spring launch", 5),
]


def both_sides(b: _Builder) -> None:
    end = cast.DEMO_END
    for n, (rel, promisor, promisee, what, made, due) in enumerate(OPEN_PROMISES, start=1):
        m.Commitment.objects.create(
            promisor=b.people[promisor],
            promisee=b.people[promisee],
            relationship=b.rels[rel],
            what=what,
            statement=f"I will {what[0].lower()}{what[1:]}.",
            strength="commitment",
            made_at=end - made * DAY,
            due_at=end + due * DAY,
            in_our_power=True,
            source="demo",
            external_id=f"demo-sides-c{n}",
        )
    for n, (rel, initiator, others, subject, before) in enumerate(PRIVATE_NOTES, start=1):
        note = m.Interaction.objects.create(
            occurred_at=(end - before * DAY).replace(hour=9),
            channel="meeting",
            initiator=b.people[initiator],
            relationship=b.rels[rel],
            answered=True,
            focus="shared",
            duration_minutes=20,
            subject=subject,
            private=True,
            source="demo",
            external_id=f"demo-sides-i{n}",
        )
        for key in others:
            m.InteractionParticipant.objects.create(
                interaction=note,
                person=b.people[key],
                role="attendee",
                occurred_at=note.occurred_at,
            )
