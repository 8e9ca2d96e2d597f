"""The organization trust map: each unit's organizational trust as seen by each other unit,
and the perception gap (self view against others' view) of one unit.

Every cell is computed by the core (`organizational_trust`) over the ratings of one rater
unit, and a cell's component is shown only where the survey results show that rater group's
figure (`engine.ratings.SurveyEvidence.shown_groups`, decided by `surveys.anonymity`): the map
asks the same module as the results page, so threshold, complementary suppression across
dimensions and the cross-campaign rule hold here too, and no cell differs from a figure the
results page publishes by fewer than k raters.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings as django_settings

from trustledger import domain as core
from trustledger.directory.models import Unit
from trustledger.domain.explanation import jsonable
from trustledger.engine.ratings import NO_UNIT, survey_evidence_for_units
from trustledger.engine.reports import engine_settings
from trustledger.web.pages.numbers import read_gaps

OT_COMPONENTS = ("reliability", "credibility", "transparency", "character", "self_orientation")
TOO_FEW = "too few raters"
NO_RATINGS = "no ratings"


def min_raters() -> int:
    return max(
        engine_settings().trust.min_raters, int(django_settings.TRUSTLEDGER_SURVEY_MIN_RATERS)
    )


def _signed(component: str, gap: float | None) -> float | None:
    if gap is None:
        return None
    return -gap if component == "self_orientation" else gap


def _cell(
    ratings: list[core.Rating], subject: str, as_of: dt.datetime, hidden: dict[str, bool]
) -> dict[str, Any]:
    ot = core.organizational_trust(ratings, subject, as_of=as_of, settings=engine_settings())
    components = {}
    for name in OT_COMPONENTS:
        cm = ot.trust.components[name]
        shown = cm.mean is not None and not hidden.get(name, False)
        components[name] = {
            "mean": cm.mean if shown else None,
            "n": cm.n if shown else None,
            "interval": list(cm.interval) if shown and cm.interval else None,
            "state": "shown" if shown else TOO_FEW,
        }
    shown = ot.trust.value is not None and all(c["state"] == "shown" for c in components.values())
    return {
        "value": ot.trust.value if shown else None,
        "n": ot.trust.n_raters if shown else None,
        "state": "shown" if shown else TOO_FEW,
        "components": components,
        "explanation": jsonable(ot.explanation) if shown else None,
    }


def _self_counts(ratings: list[core.Rating], subject: str) -> dict[str, int]:
    raters: dict[str, set[str]] = {}
    for rating in ratings:
        if rating.subject_id == subject and (
            rating.self_assessment or rating.rater_unit_id == subject
        ):
            raters.setdefault(rating.component.value, set()).add(str(rating.rater_id))
    return {c: len(ids) for c, ids in raters.items()}


def perception_chart(
    unit: Unit, ratings: list[core.Rating], as_of: dt.datetime, k: int
) -> dict[str, Any] | None:
    """Self view against others' view per component; the self view also needs k raters."""
    subject = f"unit:{unit.pk}"
    if not ratings:
        return None
    gap = core.perception_gap(
        ratings, subject, as_of=as_of, self_unit_id=subject, settings=engine_settings()
    )
    selves = _self_counts(ratings, subject)
    rows = []
    for g in gap.components:
        name = g.component.value
        self_shown = g.self_rating is not None and selves.get(name, 0) >= k
        rows.append(
            {
                "component": name,
                "label": name.replace("_", " "),
                "self": g.self_rating if self_shown else None,
                "self_n": selves.get(name, 0) if self_shown else None,
                "others": g.others_mean,
                "others_n": g.others_n if g.others_mean is not None else None,
                "gap": g.gap if self_shown else None,
                "blind_spot": g.blind_spot and self_shown,
                "lower_is_better": name == "self_orientation",
                "explanation": jsonable(g.explanation),
            }
        )
    read_gaps(rows, unit.name)
    return {
        "unit_id": unit.pk,
        "unit": unit.name,
        "components": rows,
        "blind_spots": [r["component"] for r in rows if r["blind_spot"]],
        "blind_spot_labels": [r["label"] for r in rows if r["blind_spot"]],
        "explanation": jsonable(gap.explanation),
    }


def largest_blind_spot(chart: dict[str, Any] | None) -> float | None:
    """The widest signed gap (self above others) of a unit, or None without a comparison."""
    if not chart:
        return None
    values = [_signed(r["component"], r["gap"]) for r in chart["components"]]
    known = [v for v in values if v is not None]
    return max(known) if known else None


def trust_map(units: list[Unit], as_of: dt.datetime, chosen_id: int | None) -> dict[str, Any]:
    k = min_raters()
    evidence = survey_evidence_for_units(as_of=as_of, unit_ids=[u.pk for u in units])
    by_unit = {pk: e.ratings for pk, e in evidence.items()}
    # Only units with survey answers get a column (and a self row): a grid of every unit of
    # a large organization would be mostly empty and cost the page seconds.
    names = {f"unit:{u.pk}": u.name for u in units} | {NO_UNIT: "No unit"}
    unrated = [u for u in units if not by_unit.get(u.pk)]
    units = [u for u in units if by_unit.get(u.pk)]
    rater_groups = sorted(
        {
            r.rater_unit_id
            for ratings in by_unit.values()
            for r in ratings
            if r.rater_unit_id is not None
        }
        | {f"unit:{u.pk}" for u in units},
        key=lambda g: names.get(str(g), str(g)),
    )
    missing = [int(str(g).split(":")[1]) for g in rater_groups if str(g) not in names]
    names.update(
        (f"unit:{pk}", name)
        for pk, name in Unit.objects.filter(pk__in=missing).values_list("id", "name")
    )
    rows = [{"id": str(g), "name": names.get(str(g), str(g))} for g in rater_groups]
    columns = []
    cells: dict[tuple[str, int], dict[str, Any]] = {}
    charts: dict[int, dict[str, Any] | None] = {}
    for unit in units:
        subject = f"unit:{unit.pk}"
        ratings = by_unit.get(unit.pk, [])
        charts[unit.pk] = perception_chart(unit, ratings, as_of, k)
        column: dict[str, Any] = {"unit_id": unit.pk, "unit": unit.name, "subject": subject}
        columns.append(column)
        if not ratings:
            column["overall"] = {"state": NO_RATINGS, "value": None}
            continue
        column["overall"] = _cell(ratings, subject, as_of, {})
        groups: dict[str, list[core.Rating]] = {}
        for rating in ratings:
            if rating.rater_unit_id is not None and rating.rater_unit_id != subject:
                groups.setdefault(str(rating.rater_unit_id), []).append(rating)
        shown_groups = evidence[unit.pk].shown_groups
        for group, group_ratings in groups.items():
            hidden = {
                name: group not in shown_groups.get(name, frozenset()) for name in OT_COMPONENTS
            }
            cells[(group, unit.pk)] = _cell(group_ratings, subject, as_of, hidden)
        chart = charts[unit.pk]
        if chart:
            cells[(subject, unit.pk)] = {
                "state": "self view",
                "value": None,
                "self_view": {r["component"]: r["self"] for r in chart["components"]},
                "explanation": chart["explanation"],
            }
    for row in rows:
        row["cells"] = [
            cells.get((row["id"], col["unit_id"]), {"state": NO_RATINGS, "value": None})
            for col in columns
        ]
    if chosen_id not in charts or charts.get(chosen_id) is None:
        spots = {pk: largest_blind_spot(chart) for pk, chart in charts.items() if chart}
        chosen_id = max(spots, key=lambda pk: spots[pk] or float("-inf"), default=None)
    return {
        "min_raters": k,
        "rows": rows,
        "columns": columns,
        "components": list(OT_COMPONENTS),
        "units_without_surveys": {
            "count": len(unrated),
            "names": [u.name for u in unrated[:50]],
        },
        "chosen_unit_id": chosen_id,
        "perception_gap": charts.get(chosen_id) if chosen_id else None,
        "units_with_gaps": [
            {"unit_id": pk, "unit": chart["unit"], "largest_blind_spot": largest_blind_spot(chart)}
            for pk, chart in charts.items()
            if chart
        ],
    }
