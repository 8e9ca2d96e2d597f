from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from trustledger.accounts.access import scope_for
from trustledger.analytics import leases
from trustledger.analytics.status import figures_status


@login_required
def status(request: HttpRequest) -> HttpResponse:
    """Job progress and when the figures were last computed: admins and managers."""
    scope = scope_for(request.user)  # type: ignore[arg-type]
    if not (scope.is_admin or scope.managed_unit_ids):
        raise PermissionDenied("Only admins and managers see the compute runs.")
    leases.reap()  # a run whose worker died shows as failed (and is queued again), not running
    context = figures_status()
    if request.GET.get("format") == "json":
        return JsonResponse(context, encoder=DjangoJSONEncoder)
    return render(request, "analytics/status.html", {"status": context})
