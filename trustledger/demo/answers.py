"""The demo's answering back on IT ↔ Finance: Finance gives feedback in the product, IT
answers with what changed, Finance sees one loop closed and reopens the other; IT asks "how
can I help?" and Finance answers with a need; each side states a level, and they differ."""

from __future__ import annotations

from typing import TYPE_CHECKING

from trustledger.accounts.access import Side
from trustledger.accounts.models import User
from trustledger.ledger import answers

if TYPE_CHECKING:
    from trustledger.demo.load import _Builder


def answering_back(b: _Builder) -> None:
    rel = b.rels["it_finance"]
    users = {u.username: u for u in User.objects.filter(username__in=["tobias", "margit", "oskar"])}
    tobias, margit, oskar = users["tobias"], users["margit"], users["oskar"]
    cfo, controller = b.people["cfo"], b.people["fin1"]

    heard = answers.give_feedback(
        rel,
        person=cfo,
        user=margit,
        summary="Month-end tickets sit unanswered for two days while we wait to close.",
        sentiment="negative",
        at=b.at(300),
    )
    answers.answer_feedback(
        heard,
        response="Month-end tickets now go to the front of the queue and get an answer "
        "within four working hours.",
        user=tobias,
        at=b.at(304),
    )
    answers.see_loop_closed(heard, person=cfo, user=margit, at=b.at(312))

    not_yet = answers.give_feedback(
        rel,
        person=controller,
        user=oskar,
        summary="The new expense tool logs us out every hour and we lose what we typed.",
        sentiment="negative",
        at=b.at(320),
    )
    answers.answer_feedback(
        not_yet, response="Sessions now last a working day.", user=tobias, at=b.at(325)
    )
    answers.reopen_loop(
        not_yet,
        person=controller,
        user=oskar,
        comment="Still logged out after lunch on Fridays, when the tool is updated.",
        at=b.at(333),
    )

    answers.ask_how_can_i_help(
        rel, user=tobias, note="Before the year-end audit starts.", at=b.at(340)
    )
    answers.raise_need(
        rel,
        person=cfo,
        user=margit,
        description="Read-only access to the ERP audit logs for the external auditors by "
        "15 December.",
        at=b.at(343),
    )

    answers.state_level(
        rel,
        side=Side.OURS,
        level=3,
        reason="Finance brings us its close problems and asks us to think along on the "
        "controlling roadmap.",
        user=tobias,
        at=b.at(344),
    )
    answers.state_level(
        rel,
        side=Side.THEIRS,
        level=2,
        reason="IT fixes what we bring, quickly now; it does not yet come to us with ideas.",
        user=margit,
        at=b.at(349),
    )
