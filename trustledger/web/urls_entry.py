"""Quick entry forms, the commitments register, service levels, one page per record and the
people picker."""

from django.urls import path

from trustledger.web.entry.levels import levels_page
from trustledger.web.entry.pick import pick_people, pick_units
from trustledger.web.entry.quick import KINDS, entry_form, entry_index
from trustledger.web.entry.records import feedback_close, record_delete, record_edit, record_page
from trustledger.web.entry.register import commitment_action, commitments_register

urlpatterns = [
    path("entry/", entry_index, name="entry"),
    *[path(f"entry/{slug}/", entry_form, {"kind": slug}, name=f"entry_{slug}") for slug in KINDS],
    path("commitments/", commitments_register, name="commitments"),
    path("commitments/<int:pk>/<slug:verb>/", commitment_action, name="commitment_action"),
    path("levels/", levels_page, name="levels"),
    path("records/<slug:kind>/<int:pk>/", record_page, name="record"),
    path("records/<slug:kind>/<int:pk>/edit/", record_edit, name="record_edit"),
    path("records/<slug:kind>/<int:pk>/delete/", record_delete, name="record_delete"),
    path("feedback/<int:pk>/close/", feedback_close, name="feedback_close"),
    path("pick/people/", pick_people, name="pick_people"),
    path("pick/units/", pick_units, name="pick_units"),
]
