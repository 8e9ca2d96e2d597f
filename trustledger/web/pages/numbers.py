"""What a page says beside its numbers: the reserve's deposits and withdrawals, what attention
is relative to, the sentences of a perception gap. The JSON twins keep the machine keys."""

from __future__ import annotations

from typing import Any

from trustledger.accounts.access import Scope
from trustledger.domain import readings
from trustledger.engine.reports import engine_settings
from trustledger.web.pages.wording import RESERVE_WORDS, words

RESERVE_SHOWN = 12  # movements listed on the relationship page; every one on its explanation


def reserve_units() -> str:
    """What one reserve point is, from the settings."""
    cfg = engine_settings().reserve
    return (
        "Reserve points: a kept commitment or a closed feedback loop deposits 1 point, "
        "a two-way contact 0.2; a broken commitment, a surprise or a self-oriented act "
        f"withdraws {readings.figure(cfg.withdrawal_multiplier, 2)} points. The balance "
        f"halves every {readings.figure(cfg.half_life_days, 0)} days without movements."
    )


def reserve_moves(series: list[dict[str, Any]], scope: Scope) -> dict[str, Any]:
    """The latest deposits and withdrawals behind the balance, newest first, each named by
    its record where the user may open it (else only its kind, date and amount)."""
    from trustledger.web.pages.explain import name_records

    newest = list(reversed(series))
    # The latest movements, and the latest withdrawals among older ones: a withdrawal weighs
    # more and is rarer, so many small deposits do not crowd it out.
    half = RESERVE_SHOWN // 2
    older_withdrawals = [i for i, p in enumerate(newest) if p["change"] < 0 and i >= half]
    picked = set(range(min(half, len(newest)))) | set(older_withdrawals[:half])
    for i in range(len(newest)):  # fill up with the next latest
        if len(picked) >= RESERVE_SHOWN:
            break
        picked.add(i)
    latest = [newest[i] for i in sorted(picked)]
    ids = [str(p["event_id"]) for p in latest]
    openable = scope.visible_record_ids(ids)
    rows = [
        {"kind": rid.partition(":")[0], "id": rid, "pk": int(rid.partition(":")[2]), "at": ""}
        for rid in ids
        if rid in openable and rid.partition(":")[2].isdigit()
    ]
    names = {row["id"]: row["text"] for row in name_records(rows)}
    moves = []
    for point, rid in zip(latest, ids, strict=True):
        change = float(point["change"])
        moves.append(
            {
                "at": str(point["at"])[:10],
                "kind": point.get("kind"),
                "kind_label": RESERVE_WORDS.get(str(point.get("kind")), words(point.get("kind"))),
                "deposit": change > 0,
                "change": change,
                "balance": point["balance"],
                "record": names.get(rid) if rid in openable else None,
            }
        )
    return {
        "units": reserve_units(),
        "moves": moves,
        "earlier": len(series) - len(latest),
        "deposits": sum(1 for p in series if p["change"] > 0),
        "withdrawals": sum(1 for p in series if p["change"] < 0),
    }


def attention_relative(report: dict[str, Any]) -> dict[str, Any]:
    """Attention figures against this relationship's own history (90 days ago), and what a
    point of attention is."""
    cfg = engine_settings().attention
    inputs = (report.get("phase") or {}).get("explanation", {}).get("inputs", {})
    now, then = inputs.get("attention_now"), inputs.get("attention_then")
    ratio = now / then if isinstance(now, int | float) and then else None
    weights = cfg.channel_weights
    return {
        "now": now,
        "then": then,
        "ratio": ratio,
        "unit": (
            "Points of attention: an e-mail counts "
            f"{readings.figure(weights['email'], 1)}, a call {readings.figure(weights['call'], 1)}, "
            f"a meeting {readings.figure(weights['meeting'], 1)}, time in person "
            f"{readings.figure(weights['in_person'], 1)}; each halves every "
            f"{readings.figure(cfg.half_life_days, 0)} days."
        ),
    }


def scale_for(component: str) -> readings.Scale:
    lower = component in {"self_orientation", "focus"}
    return readings.Scale.SELF_ORIENTATION if lower else readings.Scale.RATING


def read_gaps(rows: list[dict[str, Any]], subject: str, raters: str = "Others") -> None:
    """Give each perception-gap row (`component`, self and others' values) its `overrating`:
    how much better the self view is than others' view, positive = worse news for every
    component alike (self-orientation's raw gap changes sign), and a `sentence` where the gap
    matters. `self`/`self_rating` and `others`/`others_mean` are both read (map and unit)."""
    threshold = engine_settings().perception.blind_spot_threshold
    for row in rows:
        component = str(row.get("component"))
        scale = scale_for(component)
        mine = row.get("self_rating", row.get("self"))
        theirs = row.get("others_mean", row.get("others"))
        row["lower_is_better"] = scale.lower_is_better
        row["overrating"] = readings.overrating(mine, theirs, scale)
        row["sentence"] = readings.gap_sentence(
            subject=subject,
            raters=raters,
            component=words(component),
            self_value=mine,
            others=theirs,
            scale=scale,
            blind_spot_threshold=threshold,
            settings=engine_settings(),
        )
        # The chart reads every component in one direction: higher is better, so a self bar
        # above the others' bar always means "sees itself better than others do".
        flip = scale.lower_is_better
        row["plotted_self"] = (11 - mine if flip else mine) if mine is not None else None
        row["plotted_others"] = (11 - theirs if flip else theirs) if theirs is not None else None
        row["plotted_label"] = (
            f"{words(component)} (11 − rating: higher is better)" if flip else words(component)
        )
