"""Cursor pagination, filters, ordering, the error shape, and the OpenAPI document and docs."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.api.conftest import T0, Api
from trustledger.ledger import actions

pytestmark = pytest.mark.django_db


def _record(cast, ledger, at):
    return actions.record_interaction(
        cast.admin,
        occurred_at=at,
        channel="email",
        initiator=cast.it_member.person,
        participants=[ledger.alice],
        relationship=ledger.member_customer,
    )


def test_interaction_pages_are_stable_when_interactions_are_added(cast, ledger, as_user):
    api = as_user("it_member")
    first = api.get("/interactions", limit=2).json()
    # Newer and older interactions arrive between two pages, and one at the same instant.
    _record(cast, ledger, T0 + dt.timedelta(days=30))
    _record(cast, ledger, T0 + dt.timedelta(days=3))
    seen = [i["id"] for i in first["items"]]
    cursor = first["next_cursor"]
    while cursor:
        page = api.get("/interactions", limit=2, cursor=cursor).json()
        seen += [i["id"] for i in page["items"]]
        cursor = page["next_cursor"]
    assert len(seen) == len(set(seen))
    original = [i.pk for i in ledger.interactions if i.relationship_id == ledger.member_customer.pk]
    assert set(original) <= set(seen)
    times = [api.get(f"/interactions/{pk}").json()["occurred_at"] for pk in seen]
    assert times == sorted(times, reverse=True)


def test_interactions_ascending_and_filtered(ledger, as_user, cast):
    api = as_user("admin")
    ascending = api.get("/interactions", ordering="occurred_at").json()["items"]
    assert [i["occurred_at"] for i in ascending] == sorted(i["occurred_at"] for i in ascending)
    meetings = api.get("/interactions", channel="meeting").json()["items"]
    assert {i["channel"] for i in meetings} == {"meeting"}
    window = api.get("/interactions", since="2026-06-02T00:00:00Z", until="2026-06-04T00:00:00Z")
    assert len(window.json()["items"]) == 2
    mine = api.get("/interactions", person_id=cast.it_manager.person.pk).json()["items"]
    assert [i["channel"] for i in mine] == ["meeting"]


def test_other_lists_page_filter_and_order(ledger, as_user):
    api = as_user("admin")
    names = [p["display_name"] for p in api.get("/people").json()["items"]]
    assert names == sorted(names)
    page = api.get("/people", limit=2, ordering="-id").json()
    rest = api.get("/people", limit=2, ordering="-id", cursor=page["next_cursor"]).json()
    ids = [p["id"] for p in page["items"] + rest["items"]]
    assert ids == sorted(ids, reverse=True) and len(ids) == 4
    assert [p["display_name"] for p in api.get("/people", q="alice").json()["items"]] == [
        "Alice Customer"
    ]
    open_ones = api.get("/commitments", state="open", strength="commitment").json()["items"]
    assert [c["what"] for c in open_ones] == ["Send the migration plan"]
    by_due = [c["due_at"] for c in api.get("/commitments", ordering="-due_at").json()["items"]]
    assert by_due == sorted(by_due, reverse=True)
    customers = api.get("/organizations", kind="customer").json()["items"]
    assert [o["name"] for o in customers] == ["Halvard"]


def test_a_cursor_of_another_listing_or_garbage_is_a_400(ledger, as_user):
    api = as_user("admin")
    cursor = api.get("/people", limit=1).json()["next_cursor"]
    assert api.get("/people", limit=1, ordering="-id", cursor=cursor).status_code == 400
    garbage = api.get("/interactions", cursor="%%%not-base64")
    assert garbage.status_code == 400
    assert garbage.json() == {
        "errors": [{"field": "cursor", "reason": "Not a cursor from this API; start without one."}]
    }
    assert api.get("/interactions", cursor=cursor).status_code == 400


@pytest.mark.parametrize(
    ("path", "params", "status", "field"),
    [
        ("/people", {"limit": 0}, 422, "limit"),
        ("/people", {"limit": 201}, 422, "limit"),
        ("/people", {"ordering": "password"}, 422, "ordering"),
        ("/people/0", {}, 422, "person_id"),
        ("/people/99999", {}, 404, None),
        ("/people/abc", {}, 422, "person_id"),
        ("/relationships/1/report", {"as_of": "0001-01-01T00:00:00Z"}, 422, "as_of"),
        ("/export/passwords.csv", {}, 422, "kind"),
    ],
)
def test_errors_have_one_shape(ledger, as_user, path, params, status, field):
    response = as_user("admin").get(path, **params)
    assert response.status_code == status
    errors = response.json()["errors"]
    assert errors and errors[0]["field"] == field and errors[0]["reason"]


def test_invalid_bodies_name_their_fields(ledger, cast, as_user):
    api = as_user("it_member")
    response = api.post(
        "/commitments",
        {
            "promisor_id": cast.it_member.person.pk,
            "promisee_id": ledger.alice.pk,
            "what": "x",
            "strength": "pinky swear",
            "due_at": "2026-06-01T00:00:00Z",
        },
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["strength"]
    rule = api.post(
        "/commitments",
        {
            "promisor_id": cast.it_member.person.pk,
            "promisee_id": ledger.alice.pk,
            "what": "x",
            "strength": "commitment",
            "made_at": "2026-06-02T00:00:00Z",
            "due_at": "2026-06-01T00:00:00Z",
        },
    )
    assert rule.status_code == 422 and rule.json()["errors"][0]["field"] == "due_at"
    broken_json = api.client.post(
        "/api/v1/commitments", "{not json", content_type="application/json", headers=api._headers()
    )
    assert broken_json.status_code in (400, 422) and "errors" in broken_json.json()


def test_nul_characters_and_huge_ids_are_refused_not_crashed(ledger, as_user):
    api = as_user("admin")
    assert api.get("/people", q="a\x00b").status_code == 422
    assert api.get(f"/people/{2**64}").status_code == 422
    assert api.get("/people", unit_id=2**70).status_code == 422


def test_the_openapi_document_and_local_docs(ledger, client, as_user):
    document = client.get("/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.")
    paths = document["paths"]
    assert "/api/v1/commitments/{commitment_id}/renegotiate" in paths
    assert "/api/v1/relationships/{relationship_id}/report" in paths
    assert paths["/api/v1/people"]["get"]["responses"]["401"]["content"]["application/json"]
    docs = as_user("admin").client.get("/api/v1/docs")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "cdn" not in html.lower() and "https://" not in html
    for path in paths:
        assert path in html
    assert "Try it" in html


def test_raw_survey_answers_have_no_endpoint(client):
    document = client.get("/api/v1/openapi.json").json()
    for path in document["paths"]:
        # Survey answers and responses are never an endpoint; "answering back" (feedback
        # and its answer between the two sides of a relationship) is not a survey.
        assert "response" not in path, path
        assert not (path.startswith("/api/v1/surveys") and "answer" in path), path
    assert Api(None).get("/surveys/answers").status_code == 404
