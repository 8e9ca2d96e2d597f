"""Write the demo organization: a year of evidence for the IT team's turnaround.

Before the turnaround IT talks *at* Finance and Marketing (broadcast status mails, no
answers), makes soft promises and breaks them, and surprises people with decisions. After it,
the CIO starts quality reviews, agrees measures before work starts and keeps commitments.
Survey answers show IT rating its own transparency far above how its customers see it.
Deterministic: the same seed gives the same records; everything is written in one transaction.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from django.db import transaction

from trustledger.accounts.actions import create_user
from trustledger.demo import cast
from trustledger.directory.models import Organization, Person, PersonIdentity, Unit
from trustledger.ledger import models as m
from trustledger.surveys.instrument import ITEMS, items_for
from trustledger.surveys.models import Answer, Campaign, Response

DAY = dt.timedelta(days=1)


@dataclass
class DemoSummary:
    created: bool
    counts: dict[str, int] = field(default_factory=dict)


def demo_loaded() -> bool:
    return Organization.objects.filter(name=cast.OURS, kind="ours").exists()


@transaction.atomic
def load_demo(seed: int = 2026) -> DemoSummary:
    if demo_loaded():
        return DemoSummary(created=False)
    builder = _Builder(random.Random(seed))
    builder.build()
    return DemoSummary(created=True, counts=builder.counts)


class _Builder:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.orgs: dict[str, Organization] = {}
        self.units: dict[str, Unit] = {}
        self.people: dict[str, Person] = {}
        self.rels: dict[str, m.Relationship] = {}
        self.counts: dict[str, int] = {}
        self._ext = 0

    def at(self, days: float, hour: int = 10) -> dt.datetime:
        moment = cast.DEMO_START + dt.timedelta(days=days)
        moment = moment.replace(hour=hour, minute=0, second=0, microsecond=0)
        # Work happens on weekdays.
        while moment.weekday() >= 5:
            moment += DAY
        return moment

    def build(self) -> None:
        self.parties()
        self.relationships()
        self.interactions()
        self.commitments()
        self.respect_and_service()
        self.transparency()
        self.surveys()
        self.logins()
        self.counts = {
            "organizations": Organization.objects.count(),
            "units": Unit.objects.count(),
            "people": Person.objects.count(),
            "relationships": m.Relationship.objects.count(),
            "interactions": m.Interaction.objects.count(),
            "commitments": m.Commitment.objects.count(),
            "survey responses": Response.objects.count(),
        }

    # --- parties -------------------------------------------------------------------------
    def parties(self) -> None:
        for name, kind, domain in cast.ORGANIZATIONS:
            self.orgs[name] = Organization.objects.create(
                name=name, kind=kind, email_domains=domain
            )
        ours = self.orgs[cast.OURS]
        for name, parent, kind in cast.UNITS:
            self.units[name] = Unit.objects.create(
                organization=ours,
                name=name,
                kind=kind,
                parent=self.units.get(parent) if parent else None,
            )
        for key, (name, org, unit, title, rich, tz, country) in cast.PEOPLE.items():
            given, _, family = name.partition(" ")
            person = Person.objects.create(
                display_name=name,
                given_name=given,
                family_name=family,
                organization=self.orgs[org],
                unit=self.units[unit] if unit else None,
                title=title,
                role=title,
                responsibilities=f"Accountable as {title.lower()}." if rich else "",
                concerns="Predictable delivery; no surprises at month-end."
                if rich and org == cast.OURS
                else "",
                corporate_culture="Direct, numbers first." if rich else "",
                country=country,
                language="en",
                time_zone=tz,
                preferred_channels="meeting,email" if rich else "",
            )
            domain = next(d for n, _, d in cast.ORGANIZATIONS if n == org)
            local = given.lower().replace("-", "") + "." + family.split("-")[0].lower()
            local = local.encode("ascii", "ignore").decode() or key
            PersonIdentity.objects.create(
                person=person,
                kind="email",
                value=f"{local}@{domain}",
                normalized=f"{local}@{domain}",
            )
            PersonIdentity.objects.create(
                person=person, kind="name", value=name, normalized=name.lower()
            )
            self.people[key] = person

    # --- relationships and their levels ----------------------------------------------------
    def relationships(self) -> None:
        u, p, o = self.units, self.people, self.orgs
        specs: list[tuple[str, dict[str, object], int, str, list[tuple[int, int, str]]]] = [
            (
                "it_finance",
                {"our_unit": u["IT"], "counterpart_unit": u["Finance"]},
                1,
                "Keep Finance's systems running and make month-end close faster.",
                [
                    (
                        260,
                        2,
                        "Finance now calls IT first for close problems; the close automation delivered on time.",
                    )
                ],
            ),
            (
                "it_marketing",
                {"our_unit": u["IT"], "counterpart_unit": u["Marketing"]},
                1,
                "Give Marketing a dependable web and campaign platform.",
                [(330, 2, "Campaign site outages are now handled by IT end to end.")],
            ),
            (
                "cio_cfo",
                {"our_person": p["cio"], "counterpart_person": p["cfo"]},
                2,
                "Align IT spending and delivery with Finance's plan.",
                [
                    (
                        210,
                        3,
                        "The CFO asked the CIO to think through the controlling roadmap, not only fix tools.",
                    )
                ],
            ),
            (
                "cio_cmo",
                {"our_person": p["cio"], "counterpart_person": p["cmo"]},
                1,
                "Support Marketing's growth plans with the right technology.",
                [(300, 2, "The CMO now brings analytics problems to the CIO.")],
            ),
            (
                "it_partner",
                {"our_unit": u["IT"], "counterpart_organization": o["Tessellate Integrators"]},
                4,
                "Deliver the ERP migration together.",
                [
                    (
                        95,
                        3,
                        "The licence switch was decided without them; they lost a week of work.",
                    ),
                    (290, 4, "Joint steering again; they referred us to another client."),
                ],
            ),
            (
                "it_supplier",
                {"our_unit": u["IT"], "counterpart_organization": o["Quarry Point Hosting"]},
                1,
                "Hosting capacity at an agreed price.",
                [],
            ),
            (
                "ceo_customer",
                {"our_person": p["ceo"], "counterpart_person": p["customer_coo"]},
                4,
                "Grow Halvard's use of our platform across its depots.",
                [(150, 5, "Rosalind now calls Ines first, including about her own career move.")],
            ),
            (
                "cio_ceo",
                {"our_person": p["cio"], "counterpart_person": p["ceo"]},
                2,
                "Keep the CEO informed about technology risk and opportunity.",
                [(240, 3, "The CEO asked for a technology view on the three-year plan.")],
            ),
        ]
        for key, sides, level, purpose, moves in specs:
            rel = m.Relationship.objects.create(
                **sides,
                purpose=purpose,
                desired_outcomes="No surprises; measures agreed before work starts.",
                service_level=level,
                started_on=cast.DEMO_START.date(),
                referred_by=p["ceo"] if key == "ceo_customer" else None,
                referrer_is_senior=key == "ceo_customer",
            )
            m.ServiceLevelChange.objects.create(
                relationship=rel,
                changed_at=self.at(0),
                from_level=None,
                to_level=level,
                reason="Assessed at the start.",
            )
            current = level
            for day, to_level, reason in moves:
                m.ServiceLevelChange.objects.create(
                    relationship=rel,
                    changed_at=self.at(day),
                    from_level=current,
                    to_level=to_level,
                    reason=reason,
                )
                current = to_level
            rel.service_level = current
            rel.save(update_fields=["service_level"])
            self.rels[key] = rel
        indicators = [
            ("it_finance", "chosen_on_price", 20),
            ("it_finance", "one_kind_of_problem", 250),
            ("cio_cfo", "asks_why", 205),
            ("cio_cfo", "asked_for_thinking", 215),
            ("it_partner", "mutual_success", 280),
            ("it_partner", "gives_referrals", 300),
            ("ceo_customer", "personal_matters", 140),
            ("ceo_customer", "reaches_out_first", 200),
            ("it_supplier", "chosen_on_price", 10),
        ]
        for rel, indicator, day in indicators:
            m.ServiceLevelIndicator.objects.create(
                relationship=self.rels[rel], indicator=indicator, observed_on=self.at(day).date()
            )

    # --- interactions ------------------------------------------------------------------------
    def _interaction(
        self,
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
    ) -> None:
        self._ext += 1
        self._pending.append(
            (
                m.Interaction(
                    occurred_at=when,
                    channel=channel,
                    initiator=self.people[initiator],
                    relationship=self.rels[rel] if rel else None,
                    answered=answered,
                    is_broadcast=broadcast,
                    focus=focus,
                    duration_minutes=minutes,
                    subject=subject,
                    source="demo",
                    external_id=f"demo-{self._ext}",
                ),
                [(self.people[k], "attendee" if channel == "meeting" else "to") for k in to],
            )
        )

    def interactions(self) -> None:
        self._pending: list[tuple[m.Interaction, list[tuple[Person, str]]]] = []
        rng = self.rng
        turnaround = (cast.TURNAROUND - cast.DEMO_START).days
        for week in range(52):
            base = week * 7
            after = base >= turnaround
            # IT's weekly status broadcast to both customer units: talking AT them.
            self._interaction(
                self.at(base + 1, 9),
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
                    a, b = (rng.choice(ours), rng.choice(theirs))
                    initiator, target = (a, b) if from_us else (b, a)
                    answered = rng.random() < (0.85 if after else 0.35)
                    focus = (
                        rng.choice(["theirs", "shared"])
                        if after
                        else rng.choice(["ours", "ours", "shared"])
                    )
                    self._interaction(
                        self.at(base + rng.randint(0, 4), rng.randint(8, 17)),
                        "email",
                        initiator,
                        [target],
                        rel=rel,
                        answered=answered,
                        focus=focus,
                    )
                if after and week % 2 == 0:
                    self._interaction(
                        self.at(base + 2, 14),
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
                    self._interaction(
                        self.at(base + 3, 11),
                        "chat",
                        rng.choice(ours),
                        [rng.choice(theirs)],
                        rel=rel,
                        answered=True,
                        focus="shared",
                    )
            # The CIO and the CFO: rare before, regular after.
            if after or week % 4 == 0:
                self._interaction(
                    self.at(base + 2, 16),
                    "meeting" if after else "email",
                    "cio",
                    ["cfo"],
                    rel="cio_cfo",
                    answered=True,
                    focus="theirs" if after else "ours",
                    minutes=30 if after else None,
                )
            if after and week % 3 == 0:
                self._interaction(
                    self.at(base + 4, 12),
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
                self._interaction(
                    self.at(base + 1, 15),
                    "call",
                    "cio",
                    ["cmo"],
                    rel="cio_cmo",
                    answered=True,
                    focus="shared" if after else "ours",
                    minutes=20,
                )
            if week % 2 == 0:
                self._interaction(
                    self.at(base + 3, 10),
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
                self._interaction(
                    self.at(base + 2, 10),
                    "email",
                    "supplier_am",
                    ["it_sre"],
                    rel="it_supplier",
                    answered=rng.random() < 0.6,
                    focus="theirs",
                )
            if week % 2 == 1:
                initiator, other = ("customer_coo", "ceo") if week > 20 else ("ceo", "customer_coo")
                self._interaction(
                    self.at(base + 1, 17),
                    rng.choice(["call", "in_person", "meeting"]),
                    initiator,
                    [other],
                    rel="ceo_customer",
                    answered=True,
                    focus="shared",
                    minutes=40,
                )
            if week % 3 == 0:
                self._interaction(
                    self.at(base + 4, 9),
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
                a, b = rng.sample(cast.IT_PEOPLE, 2)
                self._interaction(
                    self.at(base + rng.randint(0, 4), rng.randint(7, 16)),
                    rng.choice(["chat", "email", "call"]),
                    a,
                    [b],
                    rel=None,
                    answered=True,
                    focus="shared",
                )
        m.Interaction.objects.bulk_create([i for i, _ in self._pending], batch_size=500)
        participants = [
            m.InteractionParticipant(
                interaction=i, person=person, role=role, occurred_at=i.occurred_at
            )
            for i, people in self._pending
            for person, role in people
        ]
        m.InteractionParticipant.objects.bulk_create(participants, batch_size=1000)

    # --- commitments ---------------------------------------------------------------------------
    def commitments(self) -> None:
        rng = self.rng
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
            made_day = (
                rng.randint(5, turnaround - 30) if early else rng.randint(turnaround + 5, 345)
            )
            rel = "it_finance" if i % 2 == 0 else "it_marketing"
            promisee = rng.choice(
                cast.FINANCE_PEOPLE if rel == "it_finance" else cast.MARKETING_PEOPLE
            )
            promisor = rng.choice(["cio", "it_lead", "it_pm", "it_dev1"])
            strength = (
                rng.choice(["best_effort", "good_intention", "best_effort"])
                if early
                else rng.choice(["commitment", "commitment", "best_effort"])
            )
            made = self.at(made_day, 11)
            due = made + dt.timedelta(days=rng.randint(7, 21))
            what = whats[i % len(whats)]
            if early:
                state = rng.choice(["broken", "broken", "kept_late", "kept_late", "kept"])
            elif due > cast.DEMO_END - 3 * DAY:
                state = "open"
            else:
                state = rng.choice(["kept", "kept", "kept", "kept", "kept_late"])
            commitment = m.Commitment.objects.create(
                promisor=self.people[promisor],
                promisee=self.people[promisee],
                relationship=self.rels[rel],
                what=what,
                statement=self._sentence(strength, what),
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
                self._close(commitment, state, min(closed, cast.DEMO_END))
        # One renegotiated before its due date, and a successor that was kept.
        made = self.at(turnaround + 40, 11)
        first = m.Commitment.objects.create(
            promisor=self.people["it_lead"],
            promisee=self.people["fin1"],
            relationship=self.rels["it_finance"],
            what="Deliver the month-end close automation",
            statement=self._sentence("commitment", "Deliver the month-end close automation"),
            strength="commitment",
            made_at=made,
            due_at=made + 30 * DAY,
            in_our_power=True,
            source="demo",
            external_id="demo-c-reneg-1",
        )
        m.CommitmentEvent.objects.create(commitment=first, at=made, from_state="", to_state="open")
        self._close(
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
        self._close(second, "kept", made + 44 * DAY)
        # Open and overdue at the end of the year; and a good intention about something not in our power.
        m.Commitment.objects.create(
            promisor=self.people["it_dev1"],
            promisee=self.people["mkt2"],
            relationship=self.rels["it_marketing"],
            what="Move the events microsite to the new CDN",
            statement=self._sentence("good_intention", "move the events microsite"),
            strength="good_intention",
            in_our_power=False,
            made_at=cast.DEMO_END - 30 * DAY,
            due_at=cast.DEMO_END - 5 * DAY,
            source="demo",
            external_id="demo-c-overdue",
        )

    def _close(self, commitment: m.Commitment, state: str, at: dt.datetime, note: str = "") -> None:
        previous = commitment.state
        commitment.state, commitment.closed_at = state, at
        commitment.save(update_fields=["state", "closed_at"])
        m.CommitmentEvent.objects.create(
            commitment=commitment, at=at, from_state=previous, to_state=state, note=note
        )

    @staticmethod
    def _sentence(strength: str, what: str) -> str:
        lead = {
            "commitment": "I will",
            "best_effort": "I'll do my best to",
            "good_intention": "I'll try to",
        }[strength]
        return f"{lead} {what[0].lower()}{what[1:]}."

    # --- respect, service, reserve -------------------------------------------------------------
    def respect_and_service(self) -> None:
        p, r = self.people, self.rels
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
                received_at=self.at(day),
                sentiment=sentiment,
                summary=summary,
                our_response=response,
                responded_at=self.at(responded) if responded else None,
                loop_closed_at=self.at(closed) if closed else None,
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
                raised_at=self.at(day),
                description=text,
                status=status,
                resolved_at=self.at(resolved) if resolved else None,
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
                relationship=r[rel], occurred_at=self.at(day), kind=kind, size=size, note=note
            )

    # --- transparency --------------------------------------------------------------------------
    def transparency(self) -> None:
        p, u, r, o = self.people, self.units, self.rels, self.orgs
        erp = m.Goal.objects.create(
            kind="initiative",
            title="ERP migration",
            organization=o[cast.OURS],
            owner_unit=u["IT"],
            owner_person=p["it_lead"],
            work_started_on=self.at(20).date(),
        )
        close = m.Goal.objects.create(
            kind="initiative",
            title="Month-end close automation",
            organization=o[cast.OURS],
            owner_unit=u["IT"],
            owner_person=p["it_lead"],
            work_started_on=self.at(225).date(),
            finished_on=self.at(285).date(),
        )
        analytics = m.Goal.objects.create(
            kind="initiative",
            title="Marketing analytics platform",
            organization=o[cast.OURS],
            owner_unit=u["IT"],
            owner_person=p["it_dev1"],
            work_started_on=self.at(250).date(),
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
                agreed_on=self.at(day).date(),
                agreed_by_both=both,
            )
        for month in range(6):
            day = 200 + month * 28
            review = m.QualityReview.objects.create(
                relationship=r["it_finance"],
                held_on=self.at(day).date(),
                next_review_due=self.at(day + 28).date(),
                notes="Monthly service review.",
            )
            review.attendees.add(p["cio"], p["cfo"], p["fin1"], p["it_lead"])
            for name in ("Working days to close", "Invoice export failures per month"):
                status = "off_track" if month == 0 else ("at_risk" if month == 1 else "on_track")
                m.QualityReviewMeasure.objects.create(
                    review=review, measure=made[name], status=status
                )
        review = m.QualityReview.objects.create(
            relationship=r["it_marketing"],
            held_on=self.at(250).date(),
            next_review_due=self.at(280).date(),
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
                title=title, decided_at=self.at(day), deciding_unit=u["IT"], decided_by=p["cio"]
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
            arose = self.at(day, 8)
            m.Incident.objects.create(
                title=title,
                unit=u["IT"],
                arose_at=arose,
                stakeholders_told_at=arose + dt.timedelta(hours=hours),
            )

    # --- surveys -------------------------------------------------------------------------------
    def surveys(self) -> None:
        u = self.units
        # Component levels (self, Finance, Marketing) per campaign: IT sees itself as transparent.
        spring = {
            "self": {
                "credibility": 8,
                "reliability": 7,
                "transparency": 9,
                "character": 8,
                "self_orientation": 3,
            },
            "Finance": {
                "credibility": 5,
                "reliability": 3,
                "transparency": 3,
                "character": 6,
                "self_orientation": 7,
            },
            "Marketing": {
                "credibility": 5,
                "reliability": 4,
                "transparency": 2,
                "character": 6,
                "self_orientation": 7,
            },
        }
        autumn = {
            "self": {
                "credibility": 8,
                "reliability": 8,
                "transparency": 9,
                "character": 8,
                "self_orientation": 3,
            },
            "Finance": {
                "credibility": 7,
                "reliability": 7,
                "transparency": 6,
                "character": 7,
                "self_orientation": 4,
            },
            "Marketing": {
                "credibility": 6,
                "reliability": 5,
                "transparency": 4,
                "character": 6,
                "self_orientation": 6,
            },
        }
        for title, opened, levels in (
            ("IT team — spring pulse", 150, spring),
            ("IT team — autumn pulse", 330, autumn),
        ):
            campaign = Campaign.objects.create(
                title=title,
                subject_unit=u["IT"],
                status="closed",
                opened_at=self.at(opened),
                closed_at=self.at(opened + 14),
            )
            raters = {
                "self": cast.IT_PEOPLE[1:],
                "Finance": cast.FINANCE_PEOPLE,
                "Marketing": cast.MARKETING_PEOPLE,
            }
            for group, keys in raters.items():
                for index, key in enumerate(keys):
                    person = self.people[key]
                    self._response(
                        campaign,
                        levels[group],
                        "unit",
                        is_self=group == "self",
                        unit=person.unit,
                        when=self.at(opened + 1 + index % 10),
                    )
        cio_levels = {
            "credibility": 7,
            "reliability": 6,
            "intimacy": 6,
            "character": 8,
            "self_orientation": 4,
        }
        campaign = Campaign.objects.create(
            title="Tobias Reinholt — 360",
            subject_person=self.people["cio"],
            status="closed",
            opened_at=self.at(320),
            closed_at=self.at(334),
        )
        for index, key in enumerate(
            ["cfo", "fin1", "cmo", "mkt2", "ceo", "it_lead", "partner_lead"]
        ):
            person = self.people[key]
            self._response(
                campaign,
                cio_levels,
                "person",
                is_self=False,
                unit=person.unit,
                when=self.at(321 + index),
            )
        self._response(
            campaign,
            {
                "credibility": 8,
                "reliability": 8,
                "intimacy": 7,
                "character": 8,
                "self_orientation": 3,
            },
            "person",
            is_self=True,
            unit=u["IT"],
            when=self.at(322),
        )
        _ = ITEMS  # the instrument the answers follow

    def _response(
        self,
        campaign: Campaign,
        levels: dict[str, int],
        subject_kind: str,
        *,
        is_self: bool,
        unit: Unit | None,
        when: dt.datetime,
    ) -> None:
        response = Response.objects.create(
            campaign=campaign,
            is_self=is_self,
            rater_unit=unit,
            rater_organization=unit.organization if unit else None,
            submitted_at=when,
        )
        answers = []
        for item in items_for(subject_kind):
            level = levels[item.component] + self.rng.choice([-1, 0, 0, 1])
            level = max(1, min(10, level))
            answers.append(
                Answer(
                    response=response,
                    item=item.code,
                    component=item.component,
                    value=11 - level if item.reverse else level,
                )
            )
        Answer.objects.bulk_create(answers)

    # --- logins ----------------------------------------------------------------------------------
    def logins(self) -> None:
        for username, person, admin, unit, role in cast.LOGINS:
            create_user(
                username=username,
                password=cast.DEMO_PASSWORD,
                admin=admin,
                unit_name=unit,
                role=role or "member",
                person_id=self.people[person].pk if person else None,
                email=f"{username}@corvidcloud.example",
                check_password=False,
            )
