"""Orientation: whose needs each sentence serves, questions, offers of help, intent declared."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trustledger.language.orientation import orientation


def centre(sentence: str) -> str | None:
    counted = orientation([sentence])
    if counted.about_us:
        return "us"
    return "them" if counted.about_them else None


@pytest.mark.parametrize(
    "sentence",
    [
        "Let me know if you need anything.",
        "How can I help?",
        "What are your priorities for the quarter?",
        "I'd be happy to help with the migration.",
        "Is there anything else we can do for you?",
        "I want to make sure your team has what it needs.",
        "How did the launch go for you?",
        "Feel free to call me.",
    ],
)
def test_sentences_about_them(sentence: str) -> None:
    assert centre(sentence) == "them"


@pytest.mark.parametrize(
    "sentence",
    [
        "I need your approval by Friday.",
        "We need the signed contract.",
        "Could you send me the figures?",
        "Our deadline is the end of the month.",
        "Please confirm the order for us.",
        "I am waiting for the invoice.",
        "We have been very busy with our own launch.",
    ],
)
def test_sentences_about_us(sentence: str) -> None:
    assert centre(sentence) == "us"


def test_a_sentence_about_nobody_counts_for_neither() -> None:
    assert centre("The server restarts at noon.") is None
    assert centre("Thank you.") is None


def test_it_counts_questions_and_offers_of_help_in_several_phrasings() -> None:
    counted = orientation(
        [
            "How can we help?",
            "What can I do to help?",
            "Is there anything I can do?",
            "Let me know if there's anything you need.",
            "Would it help if I joined the call?",
            "I was wondering whether the date still works.",
            "We shipped it.",
        ]
    )
    assert counted.sentences == 7
    assert counted.help_asks == 5
    assert counted.questions == 5


def test_intent_declared_before_asking() -> None:
    counted = orientation(
        [
            "I'm asking because the auditors need it.",
            "The reason I ask is the budget review.",
            "So that we can close the books, could you send the file?",
            "We want to close the books on time.",
            "To close the books in order to report, we start early.",  # no ask near it
            "Nothing more.",
        ]
    )
    assert counted.intent_declared == 3
    reason_then_ask = orientation(["In order to plan the rollout early.", "Can you share dates?"])
    assert reason_then_ask.intent_declared == 1


def test_the_explanation_names_the_counts_and_the_share() -> None:
    counted = orientation(["How can I help?", "I need your approval.", "The sky is blue."])
    assert counted.about_them == 1 and counted.about_us == 1
    assert counted.share_about_them == 0.5
    assert (
        "Of 3 sentences we wrote, 1 is about them and 1 about us (50% of those about one side"
        in (counted.explanation)
    )
    assert "1 question, 1 offer of help, 0 asks with the intent declared" in counted.explanation
    assert orientation([]).explanation == "No sentences that we wrote to read yet."
    by_name = counted.explained("Tobias Berg")
    assert by_name.startswith("Of 3 sentences Tobias Berg wrote") and "about the writer" in by_name


@given(st.lists(st.text(max_size=60), max_size=20))
def test_the_counts_stay_within_the_sentences_counted(sentences: list[str]) -> None:
    counted = orientation(sentences)
    assert counted.about_us + counted.about_them <= counted.sentences
    for part in (counted.questions, counted.help_asks, counted.intent_declared):
        assert 0 <= part <= counted.sentences
