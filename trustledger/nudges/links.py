"""The core names the action that resolves a nudge (`Link`); the web knows its forms."""

from __future__ import annotations

from collections.abc import Callable

from trustledger.domain.nudges import Link
from trustledger.web.pages.act import entry_url, url_or, with_next

CENTRE = "/nudges/"


def _ids(link: Link) -> dict[str, object]:
    return dict(link.ids)


FORMS: dict[str, Callable[[dict[str, object]], str]] = {
    # The interaction form, pre-filled with the relationship and its counterpart.
    "log_interaction": lambda ids: entry_url(
        "interaction", relationship=ids.get("relationship"), person=ids.get("person")
    ),
    "keep_commitment": lambda ids: f"/commitments/{ids['commitment']}/keep/",
    "keep_commitment_late": lambda ids: f"/commitments/{ids['commitment']}/keep-late/",
    # The promise's page: its confirm and dispute buttons, or the dispute's comment.
    "read_commitment": lambda ids: url_or(
        "record", ["commitment", ids["commitment"]], "/commitments/"
    ),
    "record_review": lambda ids: entry_url("review", relationship=ids.get("relationship")),
    "review_promises_found": lambda ids: "/promises/found/",
    "close_feedback_loop": lambda ids: url_or(
        "feedback_close", [ids["feedback"]], f"/records/feedback/{ids['feedback']}/"
    ),
    "read_relationship": lambda ids: f"/relationships/{ids['relationship']}/",
    "read_feedback": lambda ids: f"/records/feedback/{ids['feedback']}/",
    "agree_measure": lambda ids: entry_url("measure", relationship=ids.get("relationship")),
    "read_unit": lambda ids: f"/units/{ids['unit']}/",
    "read_survey": lambda ids: f"/surveys/{ids['campaign']}/results/",
}
# Forms return to the centre once saved; a record's page has nothing to return from.
RETURNS = {
    "log_interaction",
    "keep_commitment",
    "keep_commitment_late",
    "close_feedback_loop",
    "record_review",
    "agree_measure",
}


def url_of(link: Link) -> str:
    url = FORMS[link.action](_ids(link))
    return with_next(url, CENTRE) if link.action in RETURNS else url
