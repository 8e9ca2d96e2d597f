"""Service relationship level: what the counterpart's behaviour says about how they see us."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields

from trustledger.domain.explanation import EvidenceState, Explained, Explanation, RecordId
from trustledger.domain.records import ServiceLevel
from trustledger.domain.settings import EngineSettings, resolve

__all__ = [
    "LEVEL_SIGNALS",
    "Referral",
    "ServiceIndicators",
    "ServiceLevel",
    "ServiceLevelSuggestion",
    "starting_level_from_referral",
    "suggest_service_level",
]


@dataclass(frozen=True)
class ServiceIndicators:
    """Observed signals; each is a yes/no someone on our side can answer."""

    chosen_on_price: bool = False
    transactional: bool = False
    called_for_one_kind_of_problem: bool = False
    asked_for_thinking_across_problems: bool = False
    asks_why: bool = False
    mutual_success: bool = False
    gives_referrals: bool = False
    coaches_us: bool = False
    advocates_for_us: bool = False
    shares_personal_matters: bool = False
    reaches_out_first: bool = False


LEVEL_SIGNALS: Mapping[ServiceLevel, tuple[str, ...]] = {
    ServiceLevel.PROBLEM_SOLVER: ("called_for_one_kind_of_problem",),
    ServiceLevel.CONSULTANT: ("asked_for_thinking_across_problems", "asks_why"),
    ServiceLevel.PARTNER: ("mutual_success", "gives_referrals", "coaches_us", "advocates_for_us"),
    ServiceLevel.TRUSTED_ADVISOR: ("shares_personal_matters", "reaches_out_first"),
}
VENDOR_SIGNALS = ("chosen_on_price", "transactional")


@dataclass(frozen=True)
class ServiceLevelSuggestion(Explained):
    level: ServiceLevel
    signal_shares: Mapping[ServiceLevel, float]
    explanation: Explanation


def suggest_service_level(
    indicators: ServiceIndicators, settings: EngineSettings | None = None
) -> ServiceLevelSuggestion:
    """The highest level with at least `indicator_share` of its signals present, then one
    level down per vendor signal (price and transactional behaviour pull a relationship down).
    """
    cfg = resolve(settings).service
    shares = {
        level: sum(getattr(indicators, s) for s in signals) / len(signals)
        for level, signals in LEVEL_SIGNALS.items()
    }
    qualifying = [lvl for lvl, share in shares.items() if share >= cfg.indicator_share]
    top = max(qualifying, default=ServiceLevel.VENDOR)
    pull_down = sum(getattr(indicators, s) for s in VENDOR_SIGNALS)
    level = ServiceLevel(max(ServiceLevel.VENDOR, top - pull_down))
    present = [f.name for f in fields(indicators) if getattr(indicators, f.name)]
    notes = [f"highest qualifying level: {top.name.lower()}"]
    if pull_down:
        notes.append(f"{pull_down} vendor signal(s) pull the suggestion down by {pull_down}")
    return ServiceLevelSuggestion(
        level=level,
        signal_shares=shares,
        explanation=Explanation(
            formula="level = max{L : share of L's signals >= threshold} - vendor signals",
            inputs={f.name: getattr(indicators, f.name) for f in fields(indicators)}
            | {"indicator_share": cfg.indicator_share},
            n=len(present),
            evidence=EvidenceState.SUFFICIENT if present else EvidenceState.NONE,
            notes=tuple(notes),
        ),
    )


@dataclass(frozen=True)
class Referral:
    """An introduction: who made it, whether they are senior, and how the counterpart sees them."""

    referrer_id: RecordId
    referrer_is_senior: bool
    referrer_level: ServiceLevel


@dataclass(frozen=True)
class StartingLevel(Explained):
    level: ServiceLevel
    explanation: Explanation


def starting_level_from_referral(
    referral: Referral | None, settings: EngineSettings | None = None
) -> StartingLevel:
    """No introduction: vendor. Otherwise the referrer's standing lends us a start, capped at
    `senior_referral_level` for a senior referrer and `peer_referral_level` for others."""
    cfg = resolve(settings).service
    if referral is None:
        return StartingLevel(
            ServiceLevel.VENDOR,
            Explanation(
                formula="no referral: start as vendor",
                n=0,
                evidence=EvidenceState.NONE,
            ),
        )
    cap = cfg.senior_referral_level if referral.referrer_is_senior else cfg.peer_referral_level
    level = ServiceLevel(min(cap, referral.referrer_level))
    return StartingLevel(
        level,
        Explanation(
            formula="start = min(referrer's own level, cap for their seniority)",
            inputs={
                "referrer_is_senior": referral.referrer_is_senior,
                "referrer_level": referral.referrer_level.name.lower(),
                "cap": cap.name.lower(),
            },
            n=1,
            record_ids=(referral.referrer_id,),
        ),
    )
