"""The trust survey instrument: our own statements, four per component, answered 1–10.

Items marked reverse are scored 11 - answer so that every component reads the same way as
the trust equation expects (self-orientation: higher = more focused on themselves).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Item:
    code: str
    component: str
    about_others: str  # wording when rating someone else ("they")
    about_self: str  # wording of the self-assessment ("we"/"I")
    reverse: bool = False


ITEMS: tuple[Item, ...] = (
    Item(
        "cred_1",
        "credibility",
        "What they tell us turns out to be accurate.",
        "What we tell others turns out to be accurate.",
    ),
    Item(
        "cred_2",
        "credibility",
        "They know their field well enough to advise us.",
        "We know our field well enough to advise others.",
    ),
    Item(
        "cred_3",
        "credibility",
        "They say so when they do not know something.",
        "We say so when we do not know something.",
    ),
    Item(
        "cred_4",
        "credibility",
        "Their explanations make sense to people outside their specialty.",
        "Our explanations make sense to people outside our specialty.",
    ),
    Item(
        "rel_1",
        "reliability",
        "When they promise a date, the work arrives by that date.",
        "When we promise a date, the work arrives by that date.",
    ),
    Item(
        "rel_2",
        "reliability",
        "They warn us early when something they promised is at risk.",
        "We warn others early when something we promised is at risk.",
    ),
    Item(
        "rel_3",
        "reliability",
        "We rarely have to chase them for what they said they would do.",
        "Others rarely have to chase us for what we said we would do.",
    ),
    Item(
        "rel_4",
        "reliability",
        "Their work is consistent from one time to the next.",
        "Our work is consistent from one time to the next.",
    ),
    Item(
        "int_1",
        "intimacy",
        "We can raise a worry with them without it being used against us.",
        "People can raise a worry with us without it being used against them.",
    ),
    Item(
        "int_2",
        "intimacy",
        "They keep what we share in confidence.",
        "We keep what others share in confidence.",
    ),
    Item(
        "int_3",
        "intimacy",
        "They take an interest in what matters to us, beyond the task.",
        "We take an interest in what matters to others, beyond the task.",
    ),
    Item(
        "int_4",
        "intimacy",
        "Difficult topics can be discussed openly with them.",
        "Difficult topics can be discussed openly with us.",
    ),
    Item(
        "tra_1",
        "transparency",
        "We can see what they are working on and why.",
        "Others can see what we are working on and why.",
    ),
    Item(
        "tra_2",
        "transparency",
        "We hear about problems from them before we notice them ourselves.",
        "Others hear about problems from us before they notice them themselves.",
    ),
    Item(
        "tra_3",
        "transparency",
        "How success is measured is agreed with us before work starts.",
        "How success is measured is agreed with others before work starts.",
    ),
    Item(
        "tra_4",
        "transparency",
        "Decisions that affect us are not a surprise.",
        "Our decisions that affect others are not a surprise to them.",
    ),
    Item(
        "cha_1",
        "character",
        "They act the same way whether or not someone senior is watching.",
        "We act the same way whether or not someone senior is watching.",
    ),
    Item("cha_2", "character", "They own their mistakes.", "We own our mistakes."),
    Item(
        "cha_3",
        "character",
        "Their values have held steady over the time we have known them.",
        "Our values have held steady over time.",
    ),
    Item(
        "cha_4",
        "character",
        "They treat everyone fairly, including those with little power.",
        "We treat everyone fairly, including those with little power.",
    ),
    Item(
        "sel_1",
        "self_orientation",
        "Conversations with them drift to their own priorities.",
        "Conversations with others drift to our own priorities.",
    ),
    Item(
        "sel_2",
        "self_orientation",
        "They listen to understand our problem before offering a solution.",
        "We listen to understand the other's problem before offering a solution.",
        reverse=True,
    ),
    Item(
        "sel_3",
        "self_orientation",
        "They seem more interested in being right than in our outcome.",
        "We seem more interested in being right than in the other's outcome.",
    ),
    Item(
        "sel_4",
        "self_orientation",
        "They ask how they can help us.",
        "We ask others how we can help them.",
        reverse=True,
    ),
)

ITEMS_BY_CODE = {item.code: item for item in ITEMS}


def score(item: Item, answer: int) -> int:
    """The answer as the component reads it: reverse items are turned around on the 1–10 scale."""
    return 11 - answer if item.reverse else answer


def items_for(subject_kind: str) -> tuple[Item, ...]:
    """A person is rated on intimacy, a unit on transparency; the other components are shared."""
    skip = "transparency" if subject_kind == "person" else "intimacy"
    return tuple(item for item in ITEMS if item.component != skip)
