"""The team gap and the quality of attention, from figures the other formulas already made.

The team gap is the product's founding story: a team whose people are trusted and whose team
is not. It sets each member's own trust (T, from the survey about them) against the team's
organizational trust (OT, from other units' raters). Both are ratios on 0.4–40.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from trustledger.domain.explanation import (
    EvidenceState,
    Explained,
    Explanation,
    RecordId,
    id_sort_key,
    sorted_ids,
)
from trustledger.domain.settings import EngineSettings, resolve
from trustledger.domain.trust import (
    COMPONENT_MAX,
    COMPONENT_MIN,
    quality_of_attention,
    ratio_bounds,
)


@dataclass(frozen=True)
class MemberGap:
    member_id: RecordId
    trust: float
    gap: float  # member's trust − the team's organizational trust


@dataclass(frozen=True)
class TeamGap(Explained):
    """`members`: every member with a published trust figure, largest gap first; `above`:
    those trusted more than the team by at least `actions.team_gap_threshold` points."""

    team_id: RecordId
    team_trust: float | None
    members: tuple[MemberGap, ...]
    above: tuple[RecordId, ...]
    largest: float | None
    threshold: float
    explanation: Explanation


def team_gap(
    team_id: RecordId,
    team_trust: float | None,
    member_trust: Mapping[RecordId, float | None],
    settings: EngineSettings | None = None,
) -> TeamGap:
    """Each member's trust minus the team's; members without a published figure are left
    out (the survey rules withheld it, or nobody rated them)."""
    threshold = resolve(settings).actions.team_gap_threshold
    rated = {pk: value for pk, value in member_trust.items() if value is not None}
    members: tuple[MemberGap, ...] = ()
    if team_trust is not None:
        members = tuple(
            sorted(
                (MemberGap(pk, value, value - team_trust) for pk, value in rated.items()),
                key=lambda m: (-m.gap, id_sort_key(m.member_id)),
            )
        )
    above = sorted_ids(m.member_id for m in members if m.gap >= threshold)
    largest = members[0].gap if members else None
    notes: tuple[str, ...] = ()
    evidence = EvidenceState.SUFFICIENT
    if team_trust is None:
        evidence, notes = EvidenceState.NONE, ("the team's organizational trust is not published",)
    elif not members:
        evidence, notes = EvidenceState.NONE, ("no member has a published trust figure",)
    return TeamGap(
        team_id=team_id,
        team_trust=team_trust,
        members=members,
        above=above,
        largest=largest,
        threshold=threshold,
        explanation=Explanation(
            formula="gap = member's trust T − team's organizational trust OT "
            "(both on 0.4–40); a member is trusted more than the team when gap ≥ threshold",
            inputs={
                "team_trust": team_trust,
                "members_rated": len(members),
                "members_above": len(above),
                "largest_gap": largest,
                "threshold": threshold,
            },
            n=len(members),
            evidence=evidence,
            record_ids=(),
            notes=notes,
        ),
    )


def focus_from_share(self_focus_share: float) -> float:
    """The focus divisor F on 1–10 from the share of our contacts on our own agenda:
    none → 1 (all on the other), all → 10 (all on oneself)."""
    share = min(1.0, max(0.0, self_focus_share))
    return COMPONENT_MIN + (COMPONENT_MAX - COMPONENT_MIN) * share


@dataclass(frozen=True)
class RatedAttentionQuality(Explained):
    """Q = (C + R + Ch + I) / F over published survey means and the recorded focus; `value`
    is None (and the explanation says what is missing) when an input is not there."""

    value: float | None
    focus: float | None
    minimum: float
    maximum: float
    missing: tuple[str, ...]  # the inputs not there, by name
    explanation: Explanation


QUALITY_COMPONENTS = ("credibility", "reliability", "character", "intimacy")


def rated_attention_quality(
    components: Mapping[str, float | None],
    self_focus_share: float | None,
    *,
    focus_record_ids: Iterable[RecordId] = (),
    focus_n: int = 0,
    intimacy_from: str = "intimacy",
) -> RatedAttentionQuality:
    """`components`: others' means on 1–10 of credibility, reliability, character and
    `intimacy_from` (a team is not asked about intimacy: transparency stands in, as in
    organizational trust). `self_focus_share`: share of our contacts on our own agenda."""
    names = dict(zip(QUALITY_COMPONENTS, (*QUALITY_COMPONENTS[:3], intimacy_from), strict=True))
    values = {name: components.get(source) for name, source in names.items()}
    focus = None if self_focus_share is None else focus_from_share(self_focus_share)
    missing = [names[n] for n, v in values.items() if v is None]
    if focus is None:
        missing.append("focus")
    low, high = ratio_bounds(4)
    notes = ["F = 1 + 9 × share of the contacts we started that were on our own agenda"]
    if intimacy_from != "intimacy":
        notes.append(f"{intimacy_from} stands in for intimacy, which a team is not rated on")
    inputs: dict[str, float | int | str | bool | None] = {
        **{names[n]: v for n, v in values.items()},
        "self_focus_share": self_focus_share,
        "focus": focus,
    }
    value = None
    if missing:
        evidence = EvidenceState.TOO_LITTLE
        notes.append(f"not computed, missing: {', '.join(missing)}")
    else:
        v = {n: float(x) for n, x in values.items() if x is not None}
        assert focus is not None
        value = quality_of_attention(
            v["credibility"], v["reliability"], v["character"], v["intimacy"], focus
        ).value
        evidence = EvidenceState.SUFFICIENT
    return RatedAttentionQuality(
        value=value,
        focus=focus,
        minimum=low,
        maximum=high,
        missing=tuple(missing),
        explanation=Explanation(
            formula=f"Q = (credibility + reliability + character + {intimacy_from}) / focus",
            inputs=inputs,
            n=focus_n,
            evidence=evidence,
            record_ids=sorted_ids(focus_record_ids),
            notes=tuple(notes),
        ),
    )
