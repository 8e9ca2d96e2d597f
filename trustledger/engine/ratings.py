"""Survey responses as the core's ratings, under the surveys' publication rules.

Only the latest *closed* campaign about a subject counts (an open one would let a mean move
with each answer), so a rater who answered two campaigns is not counted twice. Each response
gives one rating per component: the mean of its item scores, reverse items turned. Rater ids
are response ids, which lead to no person. Components the surveys module withholds because
two published views would differ by fewer than k raters ("differencing") are dropped here
too, so no page shows through the engine what the survey results refuse to show.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from trustledger.directory.tree import subtrees
from trustledger.domain import records as r
from trustledger.surveys.instrument import ITEMS_BY_CODE, score
from trustledger.surveys.models import Answer, Campaign, CampaignStatus
from trustledger.surveys.results import perceived_components


def _closed_by(as_of: dt.datetime):  # type: ignore[no-untyped-def]
    return Campaign.objects.filter(status=CampaignStatus.CLOSED, closed_at__lte=as_of)


def _withheld(
    *, as_of: dt.datetime, unit_id: int | None = None, person_id: int | None = None
) -> tuple[set[str], set[str]]:
    """Components whose others' view, and whose self view, the survey rules withhold."""
    published = perceived_components(unit_id=unit_id, person_id=person_id, as_of=as_of)
    others = {name for name, c in published["components"].items() if c["state"] == "differencing"}
    own = {name for name, c in published["components"].items() if c["self_mean"] is None}
    return others, own


def _ratings(
    campaign_subjects: dict[int, str],
    inside: dict[str, set[int]],
    withheld: dict[str, tuple[set[str], set[str]]],
) -> dict[str, list[r.Rating]]:
    closed = dict(
        Campaign.objects.filter(pk__in=list(campaign_subjects)).values_list("id", "closed_at")
    )
    per_component: dict[tuple[str, int, str], list[float]] = defaultdict(list)
    meta: dict[int, tuple[int | None, bool, dt.datetime]] = {}
    rows = Answer.objects.filter(
        response__campaign_id__in=list(campaign_subjects), value__isnull=False
    ).values_list(
        "response__campaign_id",
        "response_id",
        "item",
        "component",
        "value",
        "response__rater_unit_id",
        "response__is_self",
    )
    for campaign_id, response_id, item, component, value, rater_unit, is_self in rows:
        known = ITEMS_BY_CODE.get(item)
        per_component[(campaign_subjects[campaign_id], response_id, component)].append(
            score(known, value) if known else value
        )
        meta[response_id] = (rater_unit, is_self, closed[campaign_id])
    result: dict[str, list[r.Rating]] = {subject: [] for subject in campaign_subjects.values()}
    for (subject, response_id, component), values in sorted(per_component.items()):
        rater_unit, is_self, closed_at = meta[response_id]
        hidden_others, hidden_self = withheld[subject]
        if component in (hidden_self if is_self else hidden_others):
            continue
        own_unit = rater_unit in inside.get(subject, set())
        result[subject].append(
            r.Rating(
                id=f"response:{response_id}:{component}",
                rater_id=f"response:{response_id}",
                subject_id=subject,
                component=r.TrustComponent(component),
                value=sum(values) / len(values),
                # Responses carry only the day; the campaign's close is when they became evidence.
                rated_at=closed_at,
                rater_unit_id=subject
                if own_unit
                else (f"unit:{rater_unit}" if rater_unit else None),
                self_assessment=is_self,
            )
        )
    return result


def survey_ratings(
    *, as_of: dt.datetime, unit_id: int | None = None, person_id: int | None = None
) -> list[r.Rating]:
    campaigns = _closed_by(as_of)
    campaigns = (
        campaigns.filter(subject_unit_id=unit_id)
        if unit_id
        else campaigns.filter(subject_person_id=person_id)
    )
    campaign = campaigns.order_by("-closed_at", "-id").first()
    if campaign is None:
        return []
    subject = f"unit:{unit_id}" if unit_id else f"person:{person_id}"
    inside = {subject: subtrees([unit_id])[unit_id]} if unit_id else {}
    withheld = {subject: _withheld(as_of=as_of, unit_id=unit_id, person_id=person_id)}
    return _ratings({campaign.pk: subject}, inside, withheld)[subject]


def survey_ratings_for_units(
    *, as_of: dt.datetime, unit_ids: Iterable[int]
) -> dict[int, list[r.Rating]]:
    """`survey_ratings` for many units at once (for the trust map)."""
    wanted = set(unit_ids)
    latest: dict[int, int] = {}
    for campaign_id, unit in (
        _closed_by(as_of)
        .filter(subject_unit_id__in=wanted)
        .order_by("-closed_at", "-id")
        .values_list("id", "subject_unit_id")
    ):
        latest.setdefault(unit, campaign_id)
    subjects = {campaign: f"unit:{unit}" for unit, campaign in latest.items()}
    trees = subtrees(latest)
    inside = {f"unit:{unit}": trees[unit] for unit in latest}
    withheld = {f"unit:{unit}": _withheld(as_of=as_of, unit_id=unit) for unit in latest}
    by_subject = _ratings(subjects, inside, withheld)
    return {unit: by_subject.get(f"unit:{unit}", []) for unit in wanted}
