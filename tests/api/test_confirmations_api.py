"""POST /commitments/{id}/confirm, /commitments/{id}/dispute and /measures/{id}/agree: the
promisee's side (or the other side of a relationship) only, per persona, in the OpenAPI doc."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from trustledger.api.tokens import create_token
from trustledger.ledger import actions
from trustledger.ledger import models as m

from .conftest import Api

pytestmark = pytest.mark.django_db

ALLOWED = {"admin", "finance_member"}
# Who reads the promise (a party, or the serving side) but may not confirm it: 403.
READS_ONLY = {"it_manager", "it_member", "viewer"}


@pytest.fixture
def world(cast):  # type: ignore[no-untyped-def]
    rel = m.Relationship.objects.create(
        our_unit=cast.it, counterpart_unit=cast.finance, started_on=dt.date(2026, 1, 5)
    )
    made = timezone.now() - dt.timedelta(days=5)
    promise = actions.make_commitment(
        cast.it_manager, promisor=cast.it_member.person, promisee=cast.finance_member.person,
        what="Fix the VPN", strength="commitment", made_at=made,
        due_at=made + dt.timedelta(days=10), relationship=rel,
    )  # fmt: skip
    actions.keep_commitment(cast.it_manager, promise, at=made + dt.timedelta(days=3))
    measure = m.AgreedMeasure.objects.create(relationship=rel, name="Tickets", target="90%")
    return {"promise": promise, "measure": measure}


def api(cast, persona):  # type: ignore[no-untyped-def]
    if persona == "anonymous":
        return Api(None)
    return Api(create_token(getattr(cast, persona), name="t", scope="read_write")[1])


def expected(persona: str) -> int:
    if persona == "anonymous":
        return 401
    if persona in ALLOWED:
        return 200
    return 403 if persona in READS_ONLY else 404


PERSONAS = ["anonymous", "admin", "it_manager", "it_member", "finance_member", "viewer", "outsider"]


@pytest.mark.parametrize("persona", PERSONAS)
def test_confirm_per_persona(cast, world, persona):  # type: ignore[no-untyped-def]
    promise = world["promise"]
    response = api(cast, persona).post(
        f"/commitments/{promise.pk}/confirm", {"outcome": "kept_late"}
    )
    assert response.status_code == expected(persona), response.content
    promise.refresh_from_db()
    if persona in ALLOWED:
        body = response.json()
        assert body["state"] == "kept_late"
        assert body["confirmation"]["state"] == "confirmed"
        assert body["confirmation"]["by_id"] == cast.finance_member.person_id
        assert body["confirmation"]["by"] == "Cleo Finance"
    else:
        assert (promise.state, promise.confirmation) == ("kept", "claimed")


@pytest.mark.parametrize("persona", PERSONAS)
def test_dispute_per_persona(cast, world, persona):  # type: ignore[no-untyped-def]
    promise = world["promise"]
    response = api(cast, persona).post(
        f"/commitments/{promise.pk}/dispute", {"comment": "The VPN still drops"}
    )
    assert response.status_code == expected(persona), response.content
    promise.refresh_from_db()
    assert promise.confirmation == ("disputed" if persona in ALLOWED else "claimed")
    if persona in ALLOWED:
        assert response.json()["confirmation"]["comment"] == "The VPN still drops"


def test_bad_bodies_name_the_field(cast, world):  # type: ignore[no-untyped-def]
    promise, client = world["promise"], api(cast, "finance_member")
    response = client.post(f"/commitments/{promise.pk}/confirm", {"outcome": "renegotiated"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "outcome"
    response = client.post(f"/commitments/{promise.pk}/dispute", {"comment": ""})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "comment"
    promise.refresh_from_db()
    assert promise.confirmation == "claimed" and promise.events.count() == 2


def test_a_confirmed_outcome_cannot_be_disputed(cast, world):  # type: ignore[no-untyped-def]
    promise, client = world["promise"], api(cast, "finance_member")
    assert client.post(f"/commitments/{promise.pk}/confirm", {"outcome": "kept"}).status_code == 200
    response = client.post(f"/commitments/{promise.pk}/dispute", {"comment": "no"})
    assert response.status_code == 409
    assert response.json()["errors"][0]["field"] == "state"


def test_the_commitment_schema_carries_the_confirmation(cast, world):  # type: ignore[no-untyped-def]
    promise = world["promise"]
    body = api(cast, "it_member").get(f"/commitments/{promise.pk}").json()
    assert body["confirmation"] == {
        "state": "claimed", "by_id": None, "by": None, "at": None, "comment": ""
    }  # fmt: skip
    listed = api(cast, "it_member").get("/commitments").json()
    assert all("confirmation" in row for row in listed["items"])


@pytest.mark.parametrize("persona", PERSONAS)
def test_agree_a_measure_per_persona(cast, world, persona):  # type: ignore[no-untyped-def]
    measure = world["measure"]
    response = api(cast, persona).post(f"/measures/{measure.pk}/agree", {})
    want = {
        "anonymous": 401, "admin": 422, "finance_member": 200, "it_manager": 403,
        "it_member": 403, "viewer": 403, "outsider": 404,
    }[persona]  # fmt: skip
    assert response.status_code == want, response.content
    measure.refresh_from_db()
    assert measure.agreed_by_both is (persona == "finance_member")
    if want == 200:
        assert response.json()["agreed_by_other_id"] == cast.finance_member.person_id


def test_a_read_only_token_cannot_confirm(cast, world):  # type: ignore[no-untyped-def]
    token = create_token(cast.finance_member, name="r", scope="read")[1]
    response = Api(token).post(f"/commitments/{world['promise'].pk}/confirm", {"outcome": "kept"})
    assert response.status_code == 403


def test_the_endpoints_are_in_the_openapi_document(cast):  # type: ignore[no-untyped-def]
    paths = api(cast, "admin").get("/openapi.json").json()["paths"]
    assert "post" in paths["/api/v1/commitments/{commitment_id}/confirm"]
    assert "post" in paths["/api/v1/commitments/{commitment_id}/dispute"]
    assert "post" in paths["/api/v1/measures/{measure_id}/agree"]
