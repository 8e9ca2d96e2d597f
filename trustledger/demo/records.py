"""The demo's feedback, needs, reserve entries and transparency records (measures, reviews, decisions)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from trustledger.demo import cast
from trustledger.ledger import models as m

if TYPE_CHECKING:
    from trustledger.demo.load import _Builder

DAY = dt.timedelta(days=1)


# --- respect, service, reserve -------------------------------------------------------------
def respect_and_service(b: _Builder) -> None:
    p, r = b.people, b.rels
    feedback = [
        (
            "it_finance",
            "cfo",
            40,
            "negative",
            "We do not know what IT is working on or when it will land.",
            "Monthly service review with Finance; a shared roadmap page.",
            190,
            200,
        ),
        (
            "it_marketing",
            "cmo",
            70,
            "negative",
            "The campaign site went down on launch day and nobody told us.",
            "Marketing launches are now on IT's change calendar.",
            230,
            None,
        ),
        (
            "it_finance",
            "fin1",
            280,
            "positive",
            "The close automation saved us two days.",
            "",
            None,
            None,
        ),
        (
            "it_partner",
            "partner_lead",
            100,
            "negative",
            "The licence decision cost us a week of rework.",
            "Partner joins the architecture board.",
            120,
            150,
        ),
    ]
    for rel, who, day, sentiment, summary, response, responded, closed in feedback:
        m.FeedbackItem.objects.create(
            relationship=r[rel],
            from_person=p[who],
            received_at=b.at(day),
            sentiment=sentiment,
            summary=summary,
            our_response=response,
            responded_at=b.at(responded) if responded else None,
            loop_closed_at=b.at(closed) if closed else None,
        )
    needs = [
        (
            "it_finance",
            "need",
            30,
            "Stable invoicing during the last three working days of each month.",
            "met",
            220,
        ),
        (
            "it_finance",
            "offer",
            185,
            "Asked the CFO: how can IT help with the audit?",
            "met",
            240,
        ),
        (
            "it_marketing",
            "need",
            60,
            "A way to publish landing pages without a ticket.",
            "open",
            None,
        ),
        (
            "it_marketing",
            "offer",
            320,
            "Asked the CMO: how can IT help with the spring launch?",
            "open",
            None,
        ),
    ]
    for rel, kind, day, text, status, resolved in needs:
        m.Need.objects.create(
            relationship=r[rel],
            kind=kind,
            raised_at=b.at(day),
            description=text,
            status=status,
            resolved_at=b.at(resolved) if resolved else None,
        )
    reserve = [
        (
            "it_finance",
            50,
            "self_oriented_act",
            2.0,
            "IT argued for its tooling budget in Finance's planning meeting.",
        ),
        ("it_marketing", 75, "surprise", 1.5, "The campaign site moved hosts without notice."),
        (
            "it_finance",
            215,
            "deposit",
            1.0,
            "CIO covered the CFO's audit questions on a Saturday.",
        ),
    ]
    for rel, day, kind, size, note in reserve:
        m.ReserveEntry.objects.create(
            relationship=r[rel], occurred_at=b.at(day), kind=kind, size=size, note=note
        )


# --- transparency --------------------------------------------------------------------------
def transparency(b: _Builder) -> None:
    p, u, r, o = b.people, b.units, b.rels, b.orgs
    erp = m.Goal.objects.create(
        kind="initiative",
        title="ERP migration",
        organization=o[cast.OURS],
        owner_unit=u["IT"],
        owner_person=p["it_lead"],
        work_started_on=b.at(20).date(),
    )
    close = m.Goal.objects.create(
        kind="initiative",
        title="Month-end close automation",
        organization=o[cast.OURS],
        owner_unit=u["IT"],
        owner_person=p["it_lead"],
        work_started_on=b.at(225).date(),
        finished_on=b.at(285).date(),
    )
    analytics = m.Goal.objects.create(
        kind="initiative",
        title="Marketing analytics platform",
        organization=o[cast.OURS],
        owner_unit=u["IT"],
        owner_person=p["it_dev1"],
        work_started_on=b.at(250).date(),
    )
    m.Goal.objects.create(
        kind="goal",
        title="Close the books in three days",
        organization=o[cast.OURS],
        owner_unit=u["Finance"],
    )
    r["it_finance"].goals.add(erp, close)
    r["it_marketing"].goals.add(analytics)
    measures = [
        (
            erp,
            "it_partner",
            "Modules migrated per month",
            "3",
            120,
            True,
        ),  # agreed long after work began
        (close, "it_finance", "Working days to close", "≤ 3", 215, True),
        (close, "it_finance", "Invoice export failures per month", "0", 215, True),
        (analytics, "it_marketing", "Dashboard refresh latency", "< 1 hour", 245, True),
        (None, "it_marketing", "Campaign site availability", "99.9 %", 230, False),
    ]
    made = {}
    for goal, rel, name, target, day, both in measures:
        made[name] = m.AgreedMeasure.objects.create(
            goal=goal,
            relationship=r[rel],
            name=name,
            target=target,
            owner=p["it_lead"],
            agreed_on=b.at(day).date(),
            agreed_by_both=both,
        )
    for month in range(6):
        day = 200 + month * 28
        review = m.QualityReview.objects.create(
            relationship=r["it_finance"],
            held_on=b.at(day).date(),
            next_review_due=b.at(day + 28).date(),
            notes="Monthly service review.",
        )
        review.attendees.add(p["cio"], p["cfo"], p["fin1"], p["it_lead"])
        for name in ("Working days to close", "Invoice export failures per month"):
            status = "off_track" if month == 0 else ("at_risk" if month == 1 else "on_track")
            m.QualityReviewMeasure.objects.create(review=review, measure=made[name], status=status)
    review = m.QualityReview.objects.create(
        relationship=r["it_marketing"],
        held_on=b.at(250).date(),
        next_review_due=b.at(280).date(),
        notes="First review with Marketing.",
    )
    review.attendees.add(p["cio"], p["cmo"], p["mkt2"])
    m.QualityReviewMeasure.objects.create(
        review=review, measure=made["Dashboard refresh latency"], status="at_risk"
    )
    decisions = [
        (
            "Switch the company mail platform",
            45,
            ["Finance", "Marketing"],
            [],
            ["Finance", "Marketing"],
        ),
        ("Change the ERP licence model", 92, ["Finance"], [], ["Finance"]),
        ("Freeze changes in month-end week", 205, ["Finance"], ["Finance"], []),
        ("Retire the old campaign tool", 270, ["Marketing"], ["Marketing"], []),
        (
            "Move analytics to the new platform",
            300,
            ["Marketing", "Finance"],
            ["Marketing", "Finance"],
            [],
        ),
    ]
    for title, day, affected, involved, surprised in decisions:
        decision = m.Decision.objects.create(
            title=title, decided_at=b.at(day), deciding_unit=u["IT"], decided_by=p["cio"]
        )
        rows = (
            [("affected", a) for a in affected]
            + [("involved_before", a) for a in involved]
            + [("surprised", a) for a in surprised]
        )
        m.DecisionStakeholder.objects.bulk_create(
            [
                m.DecisionStakeholder(decision=decision, unit=u[name], role=role)
                for role, name in rows
            ]
        )
    incidents = [
        ("Invoice export outage", 60, 72),
        ("Campaign site down on launch day", 70, 30),
        ("Close job failed", 230, 1),
        ("Analytics refresh delayed", 310, 2),
    ]
    for title, day, hours in incidents:
        arose = b.at(day, 8)
        m.Incident.objects.create(
            title=title,
            unit=u["IT"],
            arose_at=arose,
            stakeholders_told_at=arose + dt.timedelta(hours=hours),
        )
