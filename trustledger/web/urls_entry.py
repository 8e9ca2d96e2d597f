"""Quick entry forms, the commitments register, service levels, one page per record and the
people picker."""

from django.urls import path

from trustledger.web.entry import answers as answering
from trustledger.web.entry.confirm import commitment_confirm, measure_agree
from trustledger.web.entry.levels import levels_page
from trustledger.web.entry.pick import pick_people, pick_units
from trustledger.web.entry.quick import KINDS, entry_form, entry_index
from trustledger.web.entry.records import feedback_close, record_delete, record_edit, record_page
from trustledger.web.entry.register import commitment_action, commitments_register
from trustledger.web.pages.answers import answers_page

urlpatterns = [
    path("entry/", entry_index, name="entry"),
    *[path(f"entry/{slug}/", entry_form, {"kind": slug}, name=f"entry_{slug}") for slug in KINDS],
    path("commitments/", commitments_register, name="commitments"),
    path("commitments/<int:pk>/<slug:verb>/", commitment_action, name="commitment_action"),
    path(
        "commitments/<int:pk>/confirm/<slug:verb>/",
        commitment_confirm,
        name="commitment_confirm",
    ),
    path("measures/<int:pk>/agree/", measure_agree, name="measure_agree"),
    path("levels/", levels_page, name="levels"),
    path("records/<slug:kind>/<int:pk>/", record_page, name="record"),
    path("records/<slug:kind>/<int:pk>/edit/", record_edit, name="record_edit"),
    path("records/<slug:kind>/<int:pk>/delete/", record_delete, name="record_delete"),
    path("feedback/<int:pk>/close/", feedback_close, name="feedback_close"),
    path("pick/people/", pick_people, name="pick_people"),
    # Answering back (issue 14): a page both sides reach, and its forms' targets (POST only).
    path("relationships/<int:pk>/answers/", answers_page, name="answers"),
    path(
        "relationships/<int:pk>/answers/feedback/",
        answering.give_feedback,
        name="answers_give_feedback",
    ),
    path("relationships/<int:pk>/answers/ask/", answering.ask_how_can_i_help, name="answers_ask"),
    path("relationships/<int:pk>/answers/need/", answering.raise_need, name="answers_raise_need"),
    path(
        "relationships/<int:pk>/answers/level/", answering.state_level, name="answers_state_level"
    ),
    path("feedback/<int:pk>/seen/", answering.see_loop_closed, name="answers_seen"),
    path("feedback/<int:pk>/reopen/", answering.reopen_loop, name="answers_reopen"),
    path("pick/units/", pick_units, name="pick_units"),
]
