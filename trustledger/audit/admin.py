"""The audit log in the Django admin: read only, for admins. `AuditedAdmin` lets other apps'
admin pages name the acting user on the events their saves cause."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse

from trustledger.audit.log import acting
from trustledger.audit.models import AuditEvent


class AuditedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Mix in first: saves and deletes made through these pages are recorded as the admin's."""

    def changeform_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        with acting(request):
            return super().changeform_view(request, *args, **kwargs)

    def delete_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        with acting(request):
            return super().delete_view(request, *args, **kwargs)

    def user_change_password(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        with acting(request):  # only on the user admin, which has this page
            return super().user_change_password(request, *args, **kwargs)  # type: ignore[misc]

    def changelist_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        with acting(request):  # bulk actions such as "delete selected"
            return super().changelist_view(request, *args, **kwargs)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["at", "actor_username", "action", "target_kind", "target_id", "remote_addr"]
    list_filter = ["action"]
    search_fields = ["actor_username", "target_id"]
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)
