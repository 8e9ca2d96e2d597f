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
from trustledger.demo import (
    answers,
    cast,
    confirmations,
    evidence,
    links,
    mail,
    records,
    surveys,
)
from trustledger.demo.sides import both_sides
from trustledger.directory.models import Organization, Person, PersonIdentity, Unit
from trustledger.ledger import models as m
from trustledger.surveys.models import Response

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
    # Each login finds its nudges waiting on home and in the header from the first page on.
    from trustledger.accounts.models import User
    from trustledger.nudges.actions import refresh_nudges

    for user in User.objects.filter(is_active=True).order_by("pk"):
        refresh_nudges(user)
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
        evidence.interactions(self)
        evidence.commitments(self)
        records.respect_and_service(self)
        records.transparency(self)
        confirmations.confirmations(self)  # issue 14: the other side's word
        surveys.surveys(self)
        links.links(self)
        both_sides(self)  # the other side of IT's relationships (issue 14)
        self.logins()
        answers.answering_back(self)  # after the logins: each side acts as its users
        mail.mail_with_bodies(self)  # issue 15: promises found in what IT wrote
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
                important_to_them="Being told early when a plan changes." if rich else "",
                wants_next="A dated plan for the next quarter." if rich else "",
                bad_outcome="Hearing about a problem from someone else first." if rich else "",
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
