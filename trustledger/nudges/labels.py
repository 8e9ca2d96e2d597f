"""How each kind of nudge is named, and the button that follows its link: shared by the
notification centre (views.py) and the mails (mail.py)."""

from __future__ import annotations

KIND_LABELS = {
    "keep_in_touch": "Keep in touch",
    "promise_due": "Promise due",
    "promise_overdue": "Promise overdue",
    "answer_dispute": "Disputed",
    "confirm_outcome": "Confirm an outcome",
    "owed_to_you": "Owed to you",
    "feedback_unanswered": "Feedback waiting",
    "review_due": "Review due",
    "promises_found": "Promises found",
    "answer_unseen": "Answer not seen",
    "measures_missing": "Measures missing",
    "health_band": "Health below green",
    "trend_down": "Health falling",
    "blind_spot": "Blind spot",
    "survey_ready": "Survey results",
    "team_overdue": "Team promises overdue",
}
# The button that follows a nudge's link, named for what it does there.
ACT_LABELS = {
    "keep_in_touch": "Log a contact",
    "promise_due": "Mark it kept",
    "promise_overdue": "Mark it kept late",
    "answer_dispute": "Read the dispute",
    "confirm_outcome": "Confirm or dispute",
    "owed_to_you": "See the promise",
    "feedback_unanswered": "Close the loop",
    "review_due": "Record the review",
    "promises_found": "Review them",
    "answer_unseen": "See the feedback",
    "measures_missing": "Agree a measure",
    "health_band": "See the relationship",
    "trend_down": "See the relationship",
    "blind_spot": "See the unit",
    "survey_ready": "Read the results",
    "team_overdue": "See the team",
}
# Kinds whose action changes the ledger: a read-only user (a viewer) reads the reason, and is
# offered no button to a form they may not use. The others lead to a page to read.
CHANGING = {
    "keep_in_touch",
    "promise_due",
    "promise_overdue",
    "feedback_unanswered",
    "review_due",
    "measures_missing",
}
