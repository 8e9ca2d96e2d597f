import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trustledger.domain.settings import EngineSettings, TrustForm, TrustSettings
from trustledger.domain.trust import quality_of_attention, trust_equation

component = st.floats(1.0, 10.0)
THREE_TERM = EngineSettings(trust=TrustSettings(form=TrustForm.THREE_TERM))


def test_four_term_trust_equation_worked_example() -> None:
    score = trust_equation(7, 8, 5, 4, character=6)
    assert score.value == pytest.approx(6.5)  # (7 + 8 + 5 + 6) / 4
    assert (score.minimum, score.maximum) == (0.4, 40.0)
    assert score.explanation.inputs["self_orientation"] == 4.0
    assert "character" in score.explanation.formula


def test_three_term_form_is_a_setting() -> None:
    score = trust_equation(7, 8, 5, 4, settings=THREE_TERM)
    assert score.value == pytest.approx(5.0)  # (7 + 8 + 5) / 4
    assert (score.minimum, score.maximum) == pytest.approx((0.3, 30.0))
    assert score.form is TrustForm.THREE_TERM


def test_three_term_form_notes_an_unused_character() -> None:
    score = trust_equation(7, 8, 5, 4, character=6, settings=THREE_TERM)
    assert score.value == pytest.approx(5.0)
    assert score.explanation.notes


def test_four_term_form_requires_character() -> None:
    with pytest.raises(ValueError, match="character"):
        trust_equation(7, 8, 5, 4)


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"credibility": 0}, "credibility"),
        ({"reliability": 11}, "reliability"),
        ({"intimacy": float("nan")}, "intimacy"),
        ({"self_orientation": 0.5}, "self_orientation"),
        ({"character": 10.5}, "character"),
    ],
)
def test_a_component_off_the_scale_is_refused_by_name(kwargs: dict[str, float], name: str) -> None:
    values = {
        "credibility": 5.0,
        "reliability": 5.0,
        "intimacy": 5.0,
        "self_orientation": 5.0,
        "character": 5.0,
    }
    values.update(kwargs)
    with pytest.raises(ValueError, match=name):
        trust_equation(**values)


def test_quality_of_attention_worked_example() -> None:
    quality = quality_of_attention(6, 7, 8, 5, focus=2)
    assert quality.value == pytest.approx(13.0)  # (6 + 7 + 8 + 5) / 2
    assert quality.explanation.inputs["focus"] == 2.0


def test_quality_of_attention_refuses_a_focus_off_the_scale() -> None:
    with pytest.raises(ValueError, match="focus"):
        quality_of_attention(6, 7, 8, 5, focus=0)


def test_trust_score_serialises_to_json() -> None:
    data = trust_equation(7, 8, 5, 4, character=6).to_dict()
    assert json.loads(json.dumps(data))["form"] == "four_term"
    assert data["explanation"]["evidence"] == "sufficient"


@settings(max_examples=100, deadline=None)
@given(c=component, r=component, i=component, ch=component, s=component)
def test_trust_stays_within_its_documented_range(
    c: float, r: float, i: float, ch: float, s: float
) -> None:
    four = trust_equation(c, r, i, s, character=ch)
    three = trust_equation(c, r, i, s, settings=THREE_TERM)
    assert 0.4 - 1e-12 <= four.value <= 40 + 1e-12
    assert 0.3 - 1e-12 <= three.value <= 30 + 1e-12


@settings(max_examples=60, deadline=None)
@given(c=component, r=component, i=component, ch=component, s=component, extra=st.floats(0, 9))
def test_more_self_orientation_never_raises_trust(
    c: float, r: float, i: float, ch: float, s: float, extra: float
) -> None:
    higher = min(10.0, s + extra)
    assert trust_equation(c, r, i, higher, ch).value <= trust_equation(c, r, i, s, ch).value
