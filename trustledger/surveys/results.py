"""Survey results as plain data: read the stored answers, pass them through the anonymity rules.

Pages, JSON twins, the CSV export, the API and the trust engine (`published_series`, read by
`engine.ratings`) all read here, over one rater set per campaign (its counted responses), and
every number here comes out of `anonymity.publish()`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Q

from trustledger.directory.models import Organization, Unit
from trustledger.domain.stats import mean
from trustledger.surveys import anonymity
from trustledger.surveys.instrument import ITEMS_BY_CODE, items_for, score
from trustledger.surveys.models import (
    Answer,
    Campaign,
    CampaignStatus,
    Response,
    ServiceLevelChoice,
)

COMPONENT_LABELS = {
    "credibility": "Credibility",
    "reliability": "Reliability",
    "intimacy": "Intimacy",
    "transparency": "Transparency",
    "character": "Character",
    "self_orientation": "Self-orientation (lower is better)",
}


def min_raters() -> int:
    """k: the server's floor or the stored setting (trustledger/tuning), whichever is higher."""
    from trustledger.engine.reports import engine_settings

    return max(int(settings.TRUSTLEDGER_SURVEY_MIN_RATERS), engine_settings().trust.min_raters)


def subject_kind(campaign: Campaign) -> str:
    return "person" if campaign.subject_person_id else "unit"


def scale_items(kind: str) -> dict[str, list[str]]:
    scales: dict[str, list[str]] = {}
    for item in items_for(kind):
        scales.setdefault(item.component, []).append(item.code)
    return scales


def _raters(campaign: Campaign) -> list[anonymity.RaterAnswers]:
    """The campaign's counted responses as anonymous, scored answers: the one rater set every
    page, export and engine score of the campaign is computed over. Response ids stay in here."""
    answers: dict[int, dict[str, float]] = {}
    for response_id, code, value in Answer.objects.filter(
        response__campaign=campaign, response__counted=True, value__isnull=False
    ).values_list("response_id", "item", "value"):
        item = ITEMS_BY_CODE.get(code)
        if item is not None:
            answers.setdefault(response_id, {})[code] = float(score(item, value))
    raters = []
    for pk, is_self, unit, org, level, comment in Response.objects.filter(
        campaign=campaign, counted=True
    ).values_list(
        "pk", "is_self", "rater_unit_id", "rater_organization_id", "service_level", "comment"
    ):
        items = answers.get(pk, {})
        by_component: dict[str, list[float]] = {}
        for code, value in items.items():
            by_component.setdefault(ITEMS_BY_CODE[code].component, []).append(value)
        raters.append(
            anonymity.RaterAnswers(
                is_self=is_self,
                unit=unit,
                organization=org,
                items=items,
                components={c: mean(v) for c, v in by_component.items()},
                service_level=level,
                comment=comment,
            )
        )
    return raters


def closed_campaigns(
    *, person_id: int | None = None, unit_id: int | None = None, as_of: dt.datetime | None = None
) -> list[Campaign]:
    """A subject's closed campaigns in closing order (the order the differencing rule uses)."""
    if (person_id is None) == (unit_id is None):
        raise ValueError("give exactly one of person_id and unit_id")
    qs = Campaign.objects.filter(status=CampaignStatus.CLOSED, closed_at__isnull=False)
    qs = qs.filter(Q(subject_person_id=person_id) if person_id else Q(subject_unit_id=unit_id))
    if as_of is not None:
        qs = qs.filter(closed_at__lte=as_of)
    return list(qs.order_by("closed_at", "pk"))


@dataclass(frozen=True)
class Published:
    """One closed campaign: its counted raters and what the anonymity rules let out of them."""

    campaign: Campaign
    figures: anonymity.CampaignFigures
    raters: list[anonymity.RaterAnswers]


def published_series(
    *, person_id: int | None = None, unit_id: int | None = None, as_of: dt.datetime | None = None
) -> list[Published]:
    campaigns = closed_campaigns(person_id=person_id, unit_id=unit_id, as_of=as_of)
    kind = "person" if person_id else "unit"
    inputs = [anonymity.CampaignInput(c.pk, _raters(c)) for c in campaigns]
    figures = anonymity.publish(
        inputs, scale_items(kind), min_raters(), self_min=1 if kind == "person" else None
    )
    return [
        Published(c, f, list(i.raters)) for c, f, i in zip(campaigns, figures, inputs, strict=True)
    ]


def series(
    *, person_id: int | None = None, unit_id: int | None = None, as_of: dt.datetime | None = None
) -> list[tuple[Campaign, anonymity.CampaignFigures]]:
    return [
        (p.campaign, p.figures)
        for p in published_series(person_id=person_id, unit_id=unit_id, as_of=as_of)
    ]


def _aggregate(agg: anonymity.Aggregate) -> dict[str, Any]:
    data: dict[str, Any] = {"state": agg.state, "n": agg.n}
    if agg.shown:
        data["mean"] = round(agg.mean, 2) if agg.mean is not None else None
        data["interval"] = [round(x, 2) for x in agg.interval] if agg.interval else None
        data["distribution"] = agg.distribution
    return data


def _labels(dimension: str, keys: set[Hashable]) -> dict[Hashable, str]:
    model = Unit if dimension == "unit" else Organization
    ids = [k for k in keys if k is not None]
    names: dict[Hashable, str] = dict(model.objects.filter(pk__in=ids).values_list("pk", "name"))
    names[None] = "No unit" if dimension == "unit" else "No organization"
    return names


def _breakdown(
    dimension: str, figures: anonymity.CampaignFigures, components: list[str]
) -> list[dict[str, Any]]:
    groups: set[Hashable] = set()
    for component in components:
        groups |= set(figures.components[component].breakdowns.get(dimension, {}))
    labels = _labels(dimension, groups)
    rows = []
    for group in sorted(groups, key=lambda g: labels.get(g, "")):
        cells = {}
        for component in components:
            cell = figures.components[component].breakdowns.get(dimension, {}).get(group)
            cells[component] = _aggregate(cell) if cell else {"state": "none", "n": 0}
        rows.append({"group": labels.get(group, "?"), "components": cells})
    return rows


def _figures_dict(
    campaign: Campaign, figures: anonymity.CampaignFigures, kind: str
) -> dict[str, Any]:
    components = list(scale_items(kind))
    level_labels = dict(ServiceLevelChoice.choices)
    level = _aggregate(figures.service_level)
    return {
        "campaign": {"id": campaign.pk, "title": campaign.title},
        "closed_at": campaign.closed_at.date().isoformat() if campaign.closed_at else None,
        "others_count": figures.others_count,
        "components": [
            {
                "component": c,
                "label": COMPONENT_LABELS[c],
                "others": _aggregate(figures.components[c].others),
                "self": _aggregate(figures.components[c].self_view),
                "gap": None
                if figures.components[c].gap is None
                else round(figures.components[c].gap, 2),
                "alpha": None
                if figures.components[c].alpha is None
                else round(figures.components[c].alpha, 2),
                "alpha_warning": figures.components[c].alpha_warning,
            }
            for c in components
        ],
        "breakdowns": {d: _breakdown(d, figures, components) for d in anonymity.DIMENSIONS},
        "service_level": {
            **level,
            "suggested": figures.suggested_level,
            "suggested_label": level_labels.get(figures.suggested_level)
            if figures.suggested_level
            else None,
        },
        "comments": figures.comments,
    }


def campaign_results(campaign: Campaign) -> dict[str, Any]:
    """Everything the results page, its JSON twin and the CSV export show about one campaign."""
    kind = subject_kind(campaign)
    base = {
        "campaign": {"id": campaign.pk, "title": campaign.title, "status": campaign.status},
        "subject": {"kind": kind, "name": str(campaign.subject_person or campaign.subject_unit)},
        "min_raters": min_raters(),
        "min_comment_raters": anonymity.COMMENT_MIN_RATERS,
        "alpha_warning_below": anonymity.ALPHA_WARNING,
    }
    if campaign.status != CampaignStatus.CLOSED:
        return {**base, "state": "not_closed", "results": None, "trend": []}
    subject = (
        {"person_id": campaign.subject_person_id}
        if kind == "person"
        else {"unit_id": campaign.subject_unit_id}
    )
    published = series(**subject)
    trend = [
        {
            "campaign": {"id": c.pk, "title": c.title},
            "closed_at": c.closed_at.date().isoformat() if c.closed_at else None,
            "components": {
                name: _aggregate(cf.others) | {"self": _aggregate(cf.self_view)}
                for name, cf in f.components.items()
            },
        }
        for c, f in published
    ]
    for c, f in published:
        if c.pk == campaign.pk:
            return {
                **base,
                "state": "closed",
                "results": _figures_dict(c, f, kind),
                "trend": trend,
            }
    return {**base, "state": "not_closed", "results": None, "trend": trend}


def perceived_components(
    *, person_id: int | None = None, unit_id: int | None = None, as_of: dt.datetime | None = None
) -> dict[str, Any]:
    """The subject's perceived trust components from the latest closed campaign as of `as_of`,
    for the trust engine.

    Returns {"campaign": {...} | None, "min_raters": k, "components": {name: {...}},
    "service_level": {...}}. Each component has "state" (shown | suppressed | differencing |
    none), "mean", "n", "interval" (95 % t) of others' ratings, and "self_mean" (None unless
    the self view may be shown). Scores are component scores on 1–10 (reverse items turned).
    """
    kind = "person" if person_id else "unit"
    published = series(person_id=person_id, unit_id=unit_id, as_of=as_of)
    empty = {"state": "none", "n": 0, "mean": None, "interval": None, "self_mean": None}
    if not published:
        return {
            "campaign": None,
            "min_raters": min_raters(),
            "components": {c: dict(empty) for c in scale_items(kind)},
            "service_level": {"state": "none", "n": 0, "suggested": None},
        }
    campaign, figures = published[-1]
    components = {}
    for name, cf in figures.components.items():
        others = cf.others
        components[name] = {
            "state": others.state,
            "n": others.n,
            "mean": others.mean if others.shown else None,
            "interval": others.interval if others.shown else None,
            "self_mean": cf.self_view.mean if cf.self_view.shown else None,
            "gap": cf.gap,
        }
    return {
        "campaign": {
            "id": campaign.pk,
            "title": campaign.title,
            "closed_at": campaign.closed_at,
        },
        "min_raters": min_raters(),
        "components": components,
        "service_level": {
            "state": figures.service_level.state,
            "n": figures.service_level.n,
            "suggested": figures.suggested_level,
        },
    }


CSV_HEADER = [
    "campaign",
    "view",
    "group",
    "component",
    "state",
    "n",
    "mean",
    "ci_low",
    "ci_high",
    "alpha",
]


def export_rows(results: dict[str, Any]) -> list[list[object]]:
    """The CSV export: the same aggregates as the page, nothing finer."""
    rows: list[list[object]] = [list(CSV_HEADER)]
    data = results.get("results")
    if not data:
        return rows
    title = data["campaign"]["title"]

    def row(view: str, group: str, component: str, agg: dict[str, Any], alpha: object = "") -> None:
        interval = agg.get("interval") or ["", ""]
        rows.append(
            [
                title,
                view,
                group,
                component,
                agg["state"],
                agg["n"] if agg["n"] is not None else "",
                agg.get("mean", "") if agg.get("mean") is not None else "",
                interval[0],
                interval[1],
                alpha,
            ]
        )

    for comp in data["components"]:
        alpha = comp["alpha"] if comp["alpha"] is not None else ""
        row("others", "all", comp["component"], comp["others"], alpha)
        row("self", "all", comp["component"], comp["self"])
    for dimension, groups in data["breakdowns"].items():
        for group in groups:
            for component, cell in group["components"].items():
                row(f"by {dimension}", group["group"], component, cell)
    return rows
