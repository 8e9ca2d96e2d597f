"""The dicts behind a quality review pack and an organizational trust report.

Nothing is computed here that a page does not already compute: the figures come from the
engine reports the relationship and unit pages read (`web.pages.reports`), the records from
the counterpart view (`web.pages.both`, read through `Scope.records`), the map and its
perception gaps from the trust map (`web.pages.trustmap`, which applies the anonymity rules
of the survey results), the team gap and the relationships needing attention from the unit
page itself. A reader on the other side of a relationship gets the records both sides keep
and no score, exactly as on their view of the relationship.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest

from trustledger.accounts.access import Scope, Side
from trustledger.directory.models import Unit
from trustledger.domain import readings
from trustledger.engine.ratings import survey_evidence_for_units
from trustledger.engine.reports import engine_settings
from trustledger.ledger import models as m
from trustledger.reviewpacks import charts
from trustledger.web.pages import reports
from trustledger.web.pages.answers import levels
from trustledger.web.pages.both import counterpart_view, either_side
from trustledger.web.pages.common import explain_base, query_of, with_explain_urls
from trustledger.web.pages.trustmap import min_raters, perception_chart, trust_map
from trustledger.web.pages.unit import kept_ratio, unit_page
from trustledger.web.params import BadQuery


def figure(
    label: str, value: float | None, scale: str, explanation: dict[str, Any] | None, url: str = ""
) -> dict[str, Any]:
    """One number of a report: its reading in words, its n and its one-line explanation."""
    evidence = (explanation or {}).get("evidence")
    reading = readings.read(
        value,
        readings.Scale(scale),
        digits=0 if scale == "health" else 2,  # as the pages write them
        evidence=evidence,
        settings=engine_settings(),
    )
    return {
        "label": label,
        "value": reading.value,
        "reading": reading.text,
        "band": reading.band,
        "n": (explanation or {}).get("n"),
        "line": (explanation or {}).get("formula", ""),
        "explain_url": url or None,
    }


def figure_of(
    label: str, scale: str, node: dict[str, Any] | None, value: float | None
) -> dict[str, Any]:
    """`figure` of a report's node (its explanation and link), or of nothing when withheld."""
    if node is None:
        return figure(label, None, scale, None)
    return figure(label, value, scale, node["explanation"], node.get("explain_url", ""))


# --- the quality review pack ---------------------------------------------------------------


def last_review_before(rel: m.Relationship, day: dt.date) -> m.QualityReview | None:
    return rel.reviews.filter(held_on__lt=day).order_by("-held_on", "-id").first()


def period_start(rel: m.Relationship, as_of: dt.datetime, since: dt.date | None) -> dt.date:
    """`since`, else the day of the last review before `as_of`'s day, else the start."""
    if since is not None:
        if since > as_of.date():
            raise BadQuery("since", "must be on or before the as-of date")
        return since
    last = last_review_before(rel, as_of.date())
    return last.held_on if last else rel.started_on


def _in_period(at: str | None, since: dt.date) -> bool:
    return bool(at) and str(at)[:10] >= since.isoformat()


def _promises(view: dict[str, Any], since: dt.date, serving: bool) -> dict[str, Any]:
    """Promises of the period by each side: made, closed or still open in it. The view
    speaks from the counterpart's chair ("by_us" is by their side); the serving side's pack
    turns the words round."""
    ours, theirs = view["promises"]["to_us"], view["promises"]["by_us"]
    rows = []
    for way, found in (("serving", ours), ("other", theirs)):
        for p in found:
            if p["is_open"] or _in_period(p["made_at"], since) or _in_period(p["closed_at"], since):
                conf = p.get("confirmation") or {}
                rows.append(
                    {
                        "by": way,
                        "what": p["what"],
                        "promisor": p["promisor"],
                        "promisee": p["promisee"],
                        "strength": p["strength"],
                        "strength_label": p["strength_label"],
                        "state": p["state"],
                        "state_label": p["state_label"],
                        "due_at": p["due_at"][:10],
                        "overdue": p["overdue"],
                        # confirmed, claimed or disputed: who stands behind the outcome
                        "outcome": conf.get("state") or ("open" if p["is_open"] else "claimed"),
                        "outcome_words": conf.get("words") or "",
                        "url": p["url"],
                    }
                )
    serving_side, other_side = view["relationship"]["serving"], view["relationship"]["counterpart"]
    return {
        "by_serving": [r for r in rows if r["by"] == "serving"],
        "by_other": [r for r in rows if r["by"] == "other"],
        "serving": serving_side,
        "other": other_side,
        "counts": {
            way: {
                outcome: sum(1 for r in rows if r["by"] == way and r["outcome"] == outcome)
                for outcome in ("confirmed", "claimed", "disputed", "open")
            }
            for way in ("serving", "other")
        },
        "serving_first": serving,
    }


def _measures_at_reviews(
    view: dict[str, Any], since: dt.date
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The reviews of the period (oldest first) and each agreed measure's status at each."""
    reviews = [r for r in reversed(view["reviews"]) if r["held_on"] >= since.isoformat()]
    rows = []
    for measure in view["measures"]:
        statuses = []
        for review in reviews:
            found = next((x for x in review["results"] if x["measure"] == measure["name"]), None)
            statuses.append(
                {
                    "held_on": review["held_on"],
                    "status": found["status"] if found else None,
                    "status_label": found["status_label"] if found else "not reviewed",
                    "note": found["note"] if found else "",
                }
            )
        rows.append({**measure, "statuses": statuses})
    return reviews, rows


def _scores(
    rel: m.Relationship, scope: Scope, as_of: dt.datetime, as_of_param: str | None
) -> dict[str, Any]:
    """The serving side's figures, as its relationship page shows them."""
    query = query_of(as_of_param)
    report = with_explain_urls(
        reports.relationship(rel, as_of, as_of_param), explain_base("relationship", rel.pk), query
    )
    trust, health, trend = report["trust"], report["health"], report["trend"]
    raters = report["trust_raters"]
    figures = [
        figure_of(
            f"Trust of {rel.our_side} as {raters['name']} rates it",
            "trust",
            trust,
            trust["value"] if trust else None,
        ),
        figure_of("Relationship health", "health", health, health["score"]),
    ]
    if trust and trust["value"] is not None:
        figures[0]["n"] = trust["n_raters"]
    inputs = trend["explanation"]["inputs"]
    health_series = [
        ("90 days ago", inputs.get("ninety_days_ago")),
        ("30 days ago", inputs.get("thirty_days_ago")),
        ("now", inputs.get("now")),
    ]
    return {
        "figures": figures,
        "trend": {
            "direction": trend["direction"],
            "delta_30": trend["delta_30"],
            "delta_90": trend["delta_90"],
            "line": trend["explanation"]["formula"],
            "n": trend["explanation"]["n"],
            "explain_url": trend.get("explain_url"),
        },
        "health_chart": charts.bars(
            "Relationship health, 0–100",
            [(label, value) for label, value in health_series],
            maximum=100.0,
        ),
        "level": report["level"].replace("_", " ").capitalize(),
        "actions": [
            {
                "step": a["step"],
                "priority": a["priority"],
                "gap": a["gap"]["kind_label"] if a.get("gap") else "",
                "n": a["explanation"]["n"],
                "line": a["explanation"]["formula"],
                "explain_url": a.get("explain_url"),
            }
            for a in report["actions"]
        ],
    }


def _perception_gap(rel: m.Relationship, scope: Scope, as_of: dt.datetime) -> dict[str, Any]:
    """The serving unit's self view against others' view, as the trust map shows it (the
    self view too needs k raters); nothing for a person's relationship or an unreadable unit."""
    if not rel.our_unit_id:
        return {"state": "not for a person's relationship", "chart": None}
    if not scope.can_read_unit(rel.our_unit_id):
        return {"state": "not yours to see", "chart": None}
    unit = Unit.objects.get(pk=rel.our_unit_id)
    found = survey_evidence_for_units(as_of=as_of, unit_ids=[unit.pk]).get(unit.pk)
    chart = perception_chart(unit, found.ratings if found else [], as_of, min_raters())
    if chart is None:
        return {"state": "no survey", "chart": None}
    return {"state": "shown", "chart": chart, "svg": charts.gap_bars(chart)}


def review_pack(
    scope: Scope,
    pk: int,
    as_of: dt.datetime,
    as_of_param: str | None,
    since: dt.date | None,
) -> dict[str, Any]:
    """The pack as this reader may read it: the serving side's with its figures, the other
    side's with the records both sides keep; 404 for anyone else."""
    rel = either_side(scope, pk)
    serving = scope.side_of(rel) == Side.OURS
    start = period_start(rel, as_of, since)
    view = counterpart_view(rel, scope, as_of)
    reviews, measures = _measures_at_reviews(view, start)
    pack: dict[str, Any] = {
        "title": f"Quality review pack: {rel.our_side} ↔ {rel.counterpart}",
        "relationship": view["relationship"],
        "side": "ours" if serving else "theirs",
        "period": {"since": start.isoformat(), "until": as_of.date().isoformat()},
        "reviews": reviews,
        "measures": measures,
        "promises": _promises(view, start, serving),
        "feedback": [
            f for f in view["feedback"] if _in_period(f["at"], start) or not f["loop_closed_at"]
        ],
        "decisions": [d for d in view["decisions"] if _in_period(d["at"], start)],
        "needs": [n for n in view["needs"] if _in_period(n["at"], start) or n["status"] == "open"],
        "levels": {"recorded": view["level"]["recorded"], **levels(rel, as_of)},
        "urls": {
            "page": f"/relationships/{rel.pk}/review-pack/",
            "pdf": f"/relationships/{rel.pk}/review-pack.pdf",
            "relationship": f"/relationships/{rel.pk}/",
        },
    }
    pack["decisions_surprised"] = sum(1 for d in pack["decisions"] if d["how"] == "surprised")
    if serving:
        pack["scores"] = _scores(rel, scope, as_of, as_of_param)
        pack["perception_gap"] = _perception_gap(rel, scope, as_of)
        pack["may_store"] = scope.can_change_relationship(rel)
        if pack["may_store"]:
            pack["last_sending"] = last_sending(rel)
        pack["changes"] = changes_since(rel, start, pack)
    return pack


def _comparable(pack: dict[str, Any]) -> dict[str, tuple[str, float | None]]:
    found = {
        f["label"]: (f["label"], f["value"]) for f in pack.get("scores", {}).get("figures", [])
    }
    for way, label in (
        ("serving", "Open promises by {serving}"),
        ("other", "Open promises by {other}"),
    ):
        words = label.format(**pack["promises"])
        found[f"open:{way}"] = (words, float(pack["promises"]["counts"][way]["open"]))
    found["open_loops"] = (
        "Feedback loops still open",
        float(sum(1 for f in pack["feedback"] if not f["loop_closed_at"])),
    )
    found["open_needs"] = (
        "Needs still open",
        float(sum(1 for n in pack["needs"] if n["status"] == "open")),
    )
    return found


def changes_since(rel: m.Relationship, since: dt.date, pack: dict[str, Any]) -> dict[str, Any]:
    """What moved since the pack stored with the last review on or before `since`."""
    from trustledger.reviewpacks.models import StoredPack

    stored = (
        StoredPack.objects.filter(review__relationship=rel, review__held_on__lte=since)
        .select_related("review")
        .order_by("-review__held_on", "-review_id")
        .first()
    )
    if stored is None:
        return {"review": None, "rows": []}
    then, now = _comparable(stored.data), _comparable(pack)
    rows = [
        {
            "label": now[key][0],
            "then": then[key][1],
            "now": now[key][1],
            "moved": None
            if then[key][1] is None or now[key][1] is None
            else now[key][1] - then[key][1],
        }
        for key in now
        if key in then
    ]
    return {
        "review": stored.review.held_on.isoformat(),
        "stored_at": stored.stored_at.isoformat(),
        "rows": rows,
    }


# --- the organizational trust report -------------------------------------------------------


def _trend_by_scale(series: list[dict[str, Any]]) -> str:
    """One chart per scale: organizational trust (0.4–40) never shares an axis with the 1–10
    evidence scores, which would make a 4.8 of 40 look like a 4.8 of 10."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for s in series:
        name = str(s["name"])
        scale = name[name.rfind("(") + 1 : -1] if name.endswith(")") and "(" in name else ""
        groups.setdefault(scale, []).append(s)
    return "".join(
        charts.lines(f"Trend (quarterly){f', on {scale}' if scale else ''}", group)
        for scale, group in groups.items()
    )


def _by_strength(outcomes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Kept among the commitments that came due, per promise strength (the unit page's
    `kept_ratio` per group)."""
    ids = [int(str(o["commitment_id"]).split(":")[-1]) for o in outcomes]
    strengths = dict(m.Commitment.objects.filter(pk__in=ids).values_list("pk", "strength"))
    groups: dict[str, list[dict[str, Any]]] = {}
    for o, pk in zip(outcomes, ids, strict=True):
        groups.setdefault(strengths.get(pk, "unknown"), []).append(o)
    labels = dict(m.Strength.choices)
    return [
        {
            "strength": s,
            "strength_label": labels.get(s, s).split(" (")[0],
            "weight": groups[s][0]["weight"],
            **kept_ratio(groups[s]),
        }
        for s in [s for s in labels if s in groups] + [s for s in groups if s not in labels]
    ]


def unit_trust_report(
    request: HttpRequest, scope: Scope, as_of: dt.datetime, as_of_param: str | None, pk: int
) -> dict[str, Any]:
    """The unit page (its own scope check: 404 outside it), the trust map of the units the
    reader may read, and the chosen unit's perception gaps as the map shows them."""
    unit = unit_page.build(request, scope, as_of, as_of_param, pk=pk)  # type: ignore[attr-defined]
    report = unit["report"]
    units = list(scope.units().filter(organization__kind="ours").order_by("name"))
    grid = trust_map(units, as_of, pk)
    gap = grid["perception_gap"] if grid["chosen_unit_id"] == pk else None
    rel = report["reliability"]
    tr = report["transparency"]
    ot = report["organizational_trust"]
    attention = [r for r in unit["relationships"] if r["needs_attention"]]
    return {
        "title": f"Organizational trust report: {unit['unit']['name']}",
        "unit": unit["unit"],
        "figures": [
            figure_of("Organizational trust", "trust", ot, ot["trust"]["value"] if ot else None),
            figure_of("Transparency evidence", "rating", tr, tr["score"]),
            figure_of(
                "Reliability as evidence (promises kept)",
                "rating",
                rel,
                rel["score"] if rel["evidence"] != "no evidence" else None,
            ),
        ],
        "map": {
            "min_raters": grid["min_raters"],
            "rows": grid["rows"],
            "columns": grid["columns"],
            "units_without_surveys": grid["units_without_surveys"],
        },
        "perception_gap": gap,
        "perception_svg": charts.gap_bars(gap) if gap else None,
        "team_gap": report["team_gap"],
        "members": unit["members"],
        "reliability_by_strength": _by_strength(rel["outcomes"]),
        "commitments_kept": unit["commitments_kept"],
        "transparency": {
            "measures_before_work_share": tr["measures_before_work_share"],
            "stakeholders_told_before_share": tr["stakeholders_told_before_share"],
            "median_days_to_stakeholders": tr["median_days_to_stakeholders"],
            "decisions": unit["decisions"],
        },
        "trend": unit["trend"],
        "trend_svg": _trend_by_scale(unit["trend_chart"]["series"]),
        "needing_attention": [
            {
                "id": r["id"],
                "url": r["url"],
                "name": f"{r['our_side']} ↔ {r['counterpart']}",
                "level": r["level_label"],
                "health": figure_of("Health", "health", r["health"], r["health"]["score"]),
                "reasons": r["needs_attention"],
            }
            for r in attention
        ],
        "relationships_counted": len(unit["relationships"]),
        "urls": {
            "page": f"/units/{pk}/trust-report/",
            "pdf": f"/units/{pk}/trust-report.pdf",
            "unit": f"/units/{pk}/",
        },
    }


def last_sending(rel: m.Relationship) -> dict[str, Any] | None:
    """The latest sending of a pack of this relationship to its review's attendees."""
    from trustledger.reviewpacks.models import StoredPack

    stored = (
        StoredPack.objects.filter(review__relationship=rel, sent_at__isnull=False)
        .select_related("review", "sent_by")
        .order_by("-sent_at")
        .first()
    )
    if stored is None or stored.sent_at is None:
        return None
    return {
        "review": stored.review.held_on.isoformat(),
        "at": stored.sent_at.isoformat(),
        "when": f"{stored.sent_at.astimezone(dt.UTC):%Y-%m-%d %H:%M} UTC",
        "by": stored.sent_by.get_username() if stored.sent_by else "",
        "to": stored.sent_to,
        "not_sent": [{"name": name, "why": why} for name, why in stored.not_sent],
    }
