"""Quick entry forms, the commitments register and service levels."""

from django.urls import path

from trustledger.web.entry.levels import levels_page
from trustledger.web.entry.quick import KINDS, entry_form, entry_index
from trustledger.web.entry.register import commitment_action, commitments_register

urlpatterns = [
    path("entry/", entry_index, name="entry"),
    *[path(f"entry/{slug}/", entry_form, {"kind": slug}, name=f"entry_{slug}") for slug in KINDS],
    path("commitments/", commitments_register, name="commitments"),
    path("commitments/<int:pk>/<slug:verb>/", commitment_action, name="commitment_action"),
    path("levels/", levels_page, name="levels"),
]
