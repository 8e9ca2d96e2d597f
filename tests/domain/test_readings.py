"""Scores read with their scale and a band in words; the cuts are settings."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trustledger.domain.readings import (
    BANDS,
    Scale,
    band_of,
    days_in_words,
    gap_sentence,
    overrating,
    read,
)
from trustledger.domain.settings import BandCuts, BandSettings, EngineSettings, HealthSettings


@pytest.mark.parametrize(
    ("scale", "value", "band"),
    [
        (Scale.TRUST, 0.4, "poor"),
        (Scale.TRUST, 2.49, "poor"),
        (Scale.TRUST, 2.5, "fair"),
        (Scale.TRUST, 4.78, "fair"),
        (Scale.TRUST, 7.0, "good"),
        (Scale.TRUST, 8.15, "good"),
        (Scale.TRUST, 15.0, "strong"),
        (Scale.RATING, 3.99, "poor"),
        (Scale.RATING, 4.0, "fair"),
        (Scale.RATING, 5.2, "fair"),
        (Scale.RATING, 6.5, "good"),
        (Scale.RATING, 8.5, "strong"),
        (Scale.SELF_ORIENTATION, 9.0, "poor"),
        (Scale.SELF_ORIENTATION, 7.0, "fair"),
        (Scale.SELF_ORIENTATION, 4.5, "good"),
        (Scale.SELF_ORIENTATION, 2.0, "strong"),
        (Scale.SHARE, 0.1, "poor"),
        (Scale.SHARE, 0.6, "good"),
        (Scale.HEALTH, 39.9, "at risk"),
        (Scale.HEALTH, 40.0, "needs attention"),
        (Scale.HEALTH, 70.0, "healthy"),
    ],
)
def test_each_threshold_opens_its_band(scale: Scale, value: float, band: str) -> None:
    assert band_of(value, scale) == band


def test_the_cuts_are_settings() -> None:
    strict = EngineSettings(bands=BandSettings(trust=BandCuts(5.0, 10.0, 20.0)))
    assert band_of(4.78, Scale.TRUST) == "fair"
    assert band_of(4.78, Scale.TRUST, strict) == "poor"
    health = EngineSettings(health=HealthSettings(green_from=90.0, amber_from=60.0))
    assert band_of(70.0, Scale.HEALTH, health) == "needs attention"


def test_cuts_out_of_order_are_refused_naming_the_setting() -> None:
    with pytest.raises(ValueError, match="bands.rating"):
        BandSettings(rating=BandCuts(8.0, 6.0, 9.0))
    with pytest.raises(ValueError, match="bands.self_orientation"):
        BandSettings(self_orientation=BandCuts(2.0, 4.0, 6.0))


def test_a_reading_says_value_scale_and_band() -> None:
    assert read(4.7812, Scale.TRUST).text == "4.78 on 0.4–40 · fair"
    assert read(8.15, Scale.RATING, digits=1).text == "8.2 of 10 · good"
    assert read(62.0, Scale.HEALTH, digits=0).text == "62 of 100 · needs attention"


def test_no_evidence_shows_no_number() -> None:
    reading = read(5.5, Scale.RATING, evidence="no evidence")
    assert reading.value is None and reading.band is None
    assert reading.text == "no evidence yet"
    assert "5.5" not in reading.text
    assert read(None, Scale.RATING).text == "too little evidence"


@given(st.floats(min_value=1, max_value=10), st.floats(min_value=1, max_value=10))
def test_a_higher_rating_never_reads_in_a_lower_band(a: float, b: float) -> None:
    low, high = sorted((a, b))
    assert BANDS.index(band_of(high, Scale.RATING)) >= BANDS.index(band_of(low, Scale.RATING))
    # Self-orientation: lower is better, so the order turns.
    assert BANDS.index(band_of(low, Scale.SELF_ORIENTATION)) >= BANDS.index(
        band_of(high, Scale.SELF_ORIENTATION)
    )


def test_overrating_is_positive_when_the_self_view_is_better_for_every_component() -> None:
    # Transparency: IT rates itself 8.6, others 5.2 → it sees itself 3.4 better.
    assert overrating(8.6, 5.2, Scale.RATING) == pytest.approx(3.4)
    # Self-orientation: IT rates itself 3 (little self-focus), others 7 → also 4 better.
    assert overrating(3.0, 7.0, Scale.SELF_ORIENTATION) == pytest.approx(4.0)
    # Others see it better than it sees itself: negative, for both directions.
    assert overrating(4.0, 6.0, Scale.RATING) == pytest.approx(-2.0)
    assert overrating(7.0, 5.0, Scale.SELF_ORIENTATION) == pytest.approx(-2.0)
    assert overrating(None, 5.0, Scale.RATING) is None


def test_the_gap_sentence_names_both_views_and_the_blind_spot() -> None:
    sentence = gap_sentence(
        subject="IT", raters="Finance", component="transparency", self_value=8.6, others=5.2
    )
    assert sentence == (
        "Finance rates IT’s transparency 5.2 of 10; IT rates itself 8.6 — a blind spot."
    )
    self_focus = gap_sentence(
        subject="IT",
        raters="Others",
        component="self orientation",
        self_value=2.0,
        others=6.5,
        scale=Scale.SELF_ORIENTATION,
    )
    assert self_focus is not None and self_focus.endswith("a blind spot.")
    assert "lower is better" in self_focus
    small = gap_sentence(subject="IT", raters="Others", component="x", self_value=6, others=5.8)
    assert small is None


def test_days_read_as_whole_days() -> None:
    assert days_in_words(124.41) == "124 days"
    assert days_in_words(1.2) == "1 day"
    assert days_in_words(0.3) == "less than a day"
    assert days_in_words(None) == "never"
