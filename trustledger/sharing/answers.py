"""The answers a link's holder gives: confirm a promise made to them (kept, kept late,
broken), dispute a claim, release it, agree a measure, give feedback.

Each answer is checked against the link (a promise made to the holder under this
relationship, a measure of this relationship), then handed to the ledger's own actions with
the holder as the person answering and no user; the answer and its audit row commit together.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from trustledger.history.context import acting
from trustledger.ledger import answers as ledger_answers
from trustledger.ledger import confirmations
from trustledger.ledger import models as m
from trustledger.sharing.actions import note_use
from trustledger.sharing.models import SharedLink

MAX_TEXT = 4000


class UnknownAnswer(Exception):
    """Not an answer this page gives (a made-up verb)."""


class AnswerRefused(Exception):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field, self.message = field, message


@dataclass(frozen=True)
class Answer:
    verb: str
    label: str
    done: str
    give: Callable[[SharedLink, Mapping[str, str]], dict[str, Any]]


def _id(form: Mapping[str, str], field: str) -> int:
    raw = form.get(field, "")
    if not raw.isascii() or not raw.isdigit() or len(raw) > 18 or int(raw) < 1:
        raise AnswerRefused(field, "Choose one of the items on this page.")
    return int(raw)


def _text(form: Mapping[str, str], field: str, *, required: bool) -> str:
    text = form.get(field, "").strip()
    if required and not text:
        raise AnswerRefused(field, "Write a few words.")
    if len(text) > MAX_TEXT:
        raise AnswerRefused(field, f"At most {MAX_TEXT} characters.")
    return text


def _promise(link: SharedLink, form: Mapping[str, str]) -> m.Commitment:
    found = (
        m.Commitment.objects.select_for_update()
        .filter(relationship=link.relationship, promisee=link.person, pk=_id(form, "commitment"))
        .first()
    )
    if found is None:
        raise AnswerRefused("commitment", "Choose one of the promises made to you.")
    return found


def _measure(link: SharedLink, form: Mapping[str, str]) -> m.AgreedMeasure:
    found = link.relationship.measures.filter(pk=_id(form, "measure")).first()
    if found is None:
        raise AnswerRefused("measure", "Choose one of the measures on this page.")
    return found


def _confirm(outcome: str) -> Callable[[SharedLink, Mapping[str, str]], dict[str, Any]]:
    def give(link: SharedLink, form: Mapping[str, str]) -> dict[str, Any]:
        promise = _promise(link, form)
        confirmations.confirm_commitment(promise, outcome, person=link.person)
        return {"commitment_id": promise.pk, "outcome": outcome}

    return give


def _dispute(link: SharedLink, form: Mapping[str, str]) -> dict[str, Any]:
    promise = _promise(link, form)
    comment = _text(form, "comment", required=True)
    confirmations.dispute_commitment(promise, person=link.person, comment=comment)
    return {"commitment_id": promise.pk}


def _agree(link: SharedLink, form: Mapping[str, str]) -> dict[str, Any]:
    measure = _measure(link, form)
    confirmations.agree_measure(measure, person=link.person)
    return {"measure_id": measure.pk}


def _feedback(link: SharedLink, form: Mapping[str, str]) -> dict[str, Any]:
    sentiment = form.get("sentiment", m.Sentiment.NEUTRAL)
    if sentiment not in m.Sentiment.values:
        raise AnswerRefused("sentiment", f"Choose one of {', '.join(m.Sentiment.values)}.")
    item = ledger_answers.give_feedback(
        link.relationship,
        person=link.person,
        summary=_text(form, "summary", required=True),
        sentiment=sentiment,
    )
    return {"feedback_id": item.pk}


ANSWERS: dict[str, Answer] = {
    a.verb: a
    for a in (
        Answer("kept", "Kept", "Thank you: you confirmed the promise was kept.", _confirm("kept")),
        Answer(
            "kept-late",
            "Kept late",
            "Thank you: you confirmed the promise was kept, late.",
            _confirm("kept_late"),
        ),
        Answer(
            "broken", "Broken", "Thank you: you recorded the promise as broken.", _confirm("broken")
        ),
        Answer(
            "release",
            "Release",
            "You released them from the promise: it no longer counts for or against them.",
            _confirm("released"),
        ),
        Answer("dispute", "Dispute", "Your dispute is recorded; both sides see it.", _dispute),
        Answer("agree", "Agree", "Thank you: the measure is now agreed by both sides.", _agree),
        Answer("feedback", "Send feedback", "Thank you: your feedback is recorded.", _feedback),
    )
}


def offered() -> dict[str, bool]:
    """The answers the page offers, by verb as a template names it (kept_late)."""
    return {verb.replace("-", "_"): True for verb in ANSWERS}


def done_message(verb: str) -> str:
    found = ANSWERS.get(verb)
    return found.done if found else ""


def give(link: SharedLink, verb: str, form: Mapping[str, str]) -> None:
    found = ANSWERS.get(verb)
    if found is None:
        raise UnknownAnswer(verb)
    try:
        with transaction.atomic(), acting(via=f"shared link of {link.person}"):
            facts = found.give(link, form)
            note_use(link, "link.used", given=verb, **facts)
    except ValidationError as refused:
        field, message = _first(refused)
        raise AnswerRefused(field, message) from None
    except PermissionDenied as refused:
        raise AnswerRefused("commitment", str(refused) or "Not yours to answer.") from None


def _first(error: ValidationError) -> tuple[str, str]:
    if hasattr(error, "error_dict"):
        field, messages = next(iter(error.message_dict.items()))
        return field, messages[0]
    return "answer", error.messages[0]
