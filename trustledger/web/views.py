from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from trustledger.directory.models import Organization, Person, Unit
from trustledger.ledger.models import Commitment, Interaction, Relationship


def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "database": connection.vendor})


@login_required
def home(request: HttpRequest) -> HttpResponse:
    counts = {
        "organizations": Organization.objects.count(),
        "units": Unit.objects.count(),
        "people": Person.objects.count(),
        "relationships": Relationship.objects.count(),
        "interactions": Interaction.objects.count(),
        "commitments": Commitment.objects.count(),
    }
    return render(request, "web/home.html", {"counts": counts})
