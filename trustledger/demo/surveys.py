"""The demo's trust surveys: IT rates its own transparency far above how its customers see it."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from trustledger.demo import cast
from trustledger.directory.models import Unit
from trustledger.surveys.instrument import ITEMS, items_for
from trustledger.surveys.models import Answer, Campaign, Response

if TYPE_CHECKING:
    from trustledger.demo.load import _Builder

DAY = dt.timedelta(days=1)

# How raters answered "which comes closest to how you work with IT?" (1 vendor … 5 advisor).
LEVEL_SEEN = {
    ("IT team — spring pulse", "Finance"): 1,
    ("IT team — spring pulse", "Marketing"): 1,
    ("IT team — autumn pulse", "Finance"): 2,
    ("IT team — autumn pulse", "Marketing"): 1,
}
# Free text from raters in the autumn (shown only because more than ten raters answered).
COMMENTS = {
    (
        "IT team — autumn pulse",
        "cfo",
    ): "The monthly service review is the first time we see IT's plan.",
    ("IT team — autumn pulse", "fin1"): "Close automation arrived when promised.",
    (
        "IT team — autumn pulse",
        "cmo",
    ): "We still learn about changes to our tools after they happen.",
    ("IT team — autumn pulse", "mkt2"): "Landing pages still need a ticket and a week.",
    ("IT team — autumn pulse", "fin3"): "Better, but we rarely know why priorities change.",
}


# --- surveys -------------------------------------------------------------------------------
def surveys(b: _Builder) -> None:
    u = b.units
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
            opened_at=b.at(opened),
            closed_at=b.at(opened + 14),
        )
        raters = {
            "self": cast.IT_PEOPLE[1:],
            "Finance": cast.FINANCE_PEOPLE,
            "Marketing": cast.MARKETING_PEOPLE,
        }
        for group, keys in raters.items():
            for index, key in enumerate(keys):
                person = b.people[key]
                _response(
                    b,
                    campaign,
                    levels[group],
                    "unit",
                    is_self=group == "self",
                    unit=person.unit,
                    when=b.at(opened + 1 + index % 10),
                    service_level=None if group == "self" else LEVEL_SEEN[title, group],
                    comment=COMMENTS.get((title, key), ""),
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
        subject_person=b.people["cio"],
        status="closed",
        opened_at=b.at(320),
        closed_at=b.at(334),
    )
    for index, key in enumerate(["cfo", "fin1", "cmo", "mkt2", "ceo", "it_lead", "partner_lead"]):
        person = b.people[key]
        _response(
            b,
            campaign,
            cio_levels,
            "person",
            is_self=False,
            unit=person.unit,
            when=b.at(321 + index),
        )
    _response(
        b,
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
        when=b.at(322),
    )
    _ = ITEMS  # the instrument the answers follow


def _response(
    b: _Builder,
    campaign: Campaign,
    levels: dict[str, int],
    subject_kind: str,
    *,
    is_self: bool,
    unit: Unit | None,
    when: dt.datetime,
    service_level: int | None = None,
    comment: str = "",
) -> None:
    response = Response.objects.create(
        campaign=campaign,
        is_self=is_self,
        rater_unit=unit,
        rater_organization=unit.organization if unit else None,
        # Stored to the day only, as real responses are, so times cannot link them to invitations.
        submitted_at=when.replace(hour=0, minute=0, second=0, microsecond=0),
        service_level=service_level,
        comment=comment,
    )
    # Raters differ in how they see each component; items of one component move together,
    # which is what makes a scale internally consistent.
    leaning = {component: b.rng.choice([-2, -1, -1, 0, 0, 0, 1, 1, 2]) for component in levels}
    answers = []
    for item in items_for(subject_kind):
        level = levels[item.component] + leaning[item.component] + b.rng.choice([-1, 0, 0, 0, 1])
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
