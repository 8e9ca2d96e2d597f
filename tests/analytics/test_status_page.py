"""/analytics/status/: admins and managers see runs and when figures were computed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from trustledger.analytics.models import ComputeRun

pytestmark = pytest.mark.django_db
URL = "/analytics/status/"


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and reverse("login") in response["Location"]


@pytest.mark.parametrize("persona", ["it_member", "finance_member", "viewer", "outsider"])
def test_members_viewers_and_outsiders_are_refused(client, cast, persona):
    client.force_login(getattr(cast, persona))
    assert client.get(URL).status_code == 403


@pytest.mark.parametrize("persona", ["admin", "it_manager"])
def test_admins_and_managers_see_progress_and_last_computed(client, cast, persona):
    ComputeRun.objects.create(kind="full", status="running", stage="pairs", progress=0.3)
    client.force_login(getattr(cast, persona))
    page = client.get(URL)
    assert page.status_code == 200
    assert b"Figures not computed yet" in page.content and b"pairs" in page.content
    data = client.get(URL + "?format=json").json()
    assert data["active"][0]["stage"] == "pairs" and data["last_computed_at"] is None
