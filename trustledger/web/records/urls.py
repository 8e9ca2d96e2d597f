"""New, edit and delete for the directory's records (organizations, units, people,
relationships); the URL names are shared with other pages' links."""

from django.urls import path

from trustledger.web.records.directory import record_delete, record_edit, record_new

urlpatterns = []
for _kind, _plural in (
    ("person", "people"),
    ("organization", "organizations"),
    ("unit", "units"),
    ("relationship", "relationships"),
):
    urlpatterns += [
        path(f"{_plural}/new/", record_new, {"kind": _kind}, name=f"{_kind}_new"),
        path(f"{_plural}/<int:pk>/edit/", record_edit, {"kind": _kind}, name=f"{_kind}_edit"),
        path(f"{_plural}/<int:pk>/delete/", record_delete, {"kind": _kind}, name=f"{_kind}_delete"),
    ]
