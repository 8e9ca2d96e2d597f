"""Sentence splitting: abbreviations, numbers, lists, wrapped lines, offsets."""

from hypothesis import given
from hypothesis import strategies as st

from trustledger.language.sentences import split_sentences


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_abbreviations_and_initials_do_not_end_a_sentence() -> None:
    text = (
        "Mr. Lind met Dr. Ode at 10:30 a.m. yesterday. We pay 3.5 million, e.g. in two "
        "parts, i.e. twice. The U.S. office signs No. 5 today. John F. Kennedy wrote it."
    )
    assert texts(text) == [
        "Mr. Lind met Dr. Ode at 10:30 a.m. yesterday.",
        "We pay 3.5 million, e.g. in two parts, i.e. twice.",
        "The U.S. office signs No. 5 today.",
        "John F. Kennedy wrote it.",
    ]


def test_an_abbreviation_that_may_end_a_sentence_ends_it_before_a_sentence_start() -> None:
    assert texts("We signed with Acme Inc. We start Monday.") == [
        "We signed with Acme Inc.",
        "We start Monday.",
    ]
    assert texts("Pens, paper etc. Please order them.") == [
        "Pens, paper etc.",
        "Please order them.",
    ]
    assert texts("At 5 p.m. tomorrow I call.") == ["At 5 p.m. tomorrow I call."]


def test_urls_addresses_decimals_and_times_are_not_split() -> None:
    text = "See https://example.com/a.b?x=1. Mail ana@example.com at 9.30 or 10:45. Thanks!"
    assert texts(text) == [
        "See https://example.com/a.b?x=1.",
        "Mail ana@example.com at 9.30 or 10:45.",
        "Thanks!",
    ]


def test_questions_exclamations_quotes_and_ellipses_end_sentences() -> None:
    text = 'He said "I will do it." Then he left... Really?! Yes.'
    assert texts(text) == ['He said "I will do it."', "Then he left...", "Really?!", "Yes."]


def test_hard_wrapped_lines_are_joined_and_blank_lines_end_sentences() -> None:
    text = (
        "We met yesterday and discussed the plan for the migration with the whole\n"
        "team and Finance. I will send the minutes by Friday and Omar will book\n"
        "the rooms\n\nA new paragraph"
    )
    assert texts(text) == [
        "We met yesterday and discussed the plan for the migration with the whole team and "
        "Finance.",
        "I will send the minutes by Friday and Omar will book the rooms",
        "A new paragraph",
    ]


def test_short_lines_written_as_lines_stand_alone() -> None:
    assert texts("Status\nThe report is late\nI will send it tomorrow") == [
        "Status",
        "The report is late",
        "I will send it tomorrow",
    ]
    assert texts("I will call\nthe bank today") == ["I will call the bank today"]


def test_each_list_item_is_a_sentence_without_its_bullet() -> None:
    text = "Next steps:\n- I send the minutes\n* Omar books\n  the rooms\n1. First\n2) Second"
    assert texts(text) == [
        "Next steps:",
        "I send the minutes",
        "Omar books the rooms",
        "1. First",
        "2) Second",
    ]


def test_offsets_point_at_the_sentence_in_the_text() -> None:
    text = "  Hello there.\n\n- We will pay.  Done!"
    for sentence in split_sentences(text):
        assert " ".join(text[sentence.start : sentence.end].split()) == sentence.text
    assert [text[s.start : s.end] for s in split_sentences(text)] == [
        "Hello there.",
        "We will pay.",
        "Done!",
    ]


def test_nothing_to_split_gives_no_sentences() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\n \t") == []


words = st.sampled_from(
    [
        "I",
        "will",
        "send",
        "it",
        "Mr.",
        "e.g.",
        "3.5",
        "10:30",
        "U.S.",
        "Inc.",
        "-",
        "*",
        "1.",
        "a.m.",
        "Friday.",
        "Why?",
        "Yes!",
        "https://x.io/a.b",
        "ana@x.io",
        "\n",
        "\n\n",
        "•",
    ]
)
messy = st.one_of(
    st.lists(words, max_size=40).map(" ".join),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=200),
)


@given(messy)
def test_splitting_loses_no_characters_but_bullets_and_offsets_hold(text: str) -> None:
    sentences = split_sentences(text)
    covered = [False] * len(text)
    previous_end = 0
    for sentence in sentences:
        assert previous_end <= sentence.start < sentence.end <= len(text)
        assert " ".join(text[sentence.start : sentence.end].split()) == sentence.text
        assert sentence.text == sentence.text.strip() and sentence.text
        for i in range(sentence.start, sentence.end):
            covered[i] = True
        previous_end = sentence.end
    lost = {c for c, kept in zip(text, covered, strict=True) if not kept and not c.isspace()}
    assert lost <= set("-*•·–+")
