import pytest

from trustledger.domain.records import ServiceLevel
from trustledger.domain.service import (
    Referral,
    ServiceIndicators,
    starting_level_from_referral,
    suggest_service_level,
)

L = ServiceLevel


@pytest.mark.parametrize(
    ("indicators", "level"),
    [
        (ServiceIndicators(), L.VENDOR),
        (ServiceIndicators(called_for_one_kind_of_problem=True), L.PROBLEM_SOLVER),
        (ServiceIndicators(asks_why=True), L.CONSULTANT),
        (ServiceIndicators(mutual_success=True, gives_referrals=True), L.PARTNER),
        (ServiceIndicators(mutual_success=True), L.VENDOR),  # one of four partner signals
        (
            ServiceIndicators(shares_personal_matters=True, reaches_out_first=True),
            L.TRUSTED_ADVISOR,
        ),
        (
            ServiceIndicators(
                shares_personal_matters=True, reaches_out_first=True, chosen_on_price=True
            ),
            L.PARTNER,
        ),
        (ServiceIndicators(chosen_on_price=True, transactional=True, asks_why=True), L.VENDOR),
    ],
)
def test_indicators_suggest_a_service_level(indicators: ServiceIndicators, level: L) -> None:
    suggestion = suggest_service_level(indicators)
    assert suggestion.level is level
    assert suggestion.to_dict()["level"] == level.name.lower()


def test_service_levels_are_ordered() -> None:
    assert L.VENDOR < L.PROBLEM_SOLVER < L.CONSULTANT < L.PARTNER < L.TRUSTED_ADVISOR
    assert L.TRUSTED_ADVISOR == 5


def test_no_referral_starts_as_a_vendor() -> None:
    assert starting_level_from_referral(None).level is L.VENDOR


def test_an_introduction_by_someone_senior_suggests_a_higher_start() -> None:
    senior = starting_level_from_referral(Referral("ceo", True, L.TRUSTED_ADVISOR))
    peer = starting_level_from_referral(Referral("dev", False, L.TRUSTED_ADVISOR))
    assert senior.level is L.CONSULTANT
    assert peer.level is L.PROBLEM_SOLVER
    assert senior.level > peer.level
    assert senior.explanation.record_ids == ("ceo",)


def test_a_referrer_cannot_lend_more_standing_than_they_have() -> None:
    assert starting_level_from_referral(Referral("cfo", True, L.PROBLEM_SOLVER)).level is (
        L.PROBLEM_SOLVER
    )
