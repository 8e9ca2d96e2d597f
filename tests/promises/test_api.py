"""The API of promises found: list, confirm (with corrections), correct, dismiss — the same
actions and the same rule of who sees a proposal as the pages."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.api.conftest import Api

pytestmark = pytest.mark.django_db

SEES = ["writer", "manager", "admin"]
REFUSED = ["promisee", "other_member", "viewer", "outsider"]


def _api(found, persona):  # type: ignore[no-untyped-def]
    from trustledger.api.tokens import create_token

    _, plain = create_token(found.users()[persona], name="test", scope="read_write")
    return Api(plain)


def _proposal(sentence="reconciled ledger"):  # type: ignore[no-untyped-def]
    from trustledger.promises.models import ProposedPromise

    return ProposedPromise.objects.get(sentence__contains=sentence)


@pytest.mark.parametrize("persona", SEES)
def test_the_list_shows_the_proposal(imported, persona):
    answer = _api(imported, persona).get("/promises/found")
    assert answer.status_code == 200
    item = next(i for i in answer.json()["items"] if "reconciled ledger" in i["sentence"])
    assert item["strength"] == "commitment"
    assert item["due_on"] == "2026-11-06"
    assert item["due_found"]["words"].lower() == "friday"
    assert item["promisee_id"] == imported.promisee.pk
    assert set(item["recipient_ids"]) == {imported.promisee.pk, imported.colleague.pk}
    assert item["relationship_id"] == imported.relationship.pk


@pytest.mark.parametrize("persona", REFUSED)
def test_others_list_nothing_and_are_refused_the_writes(imported, persona):
    api = _api(imported, persona)
    assert api.get("/promises/found").json()["items"] == []
    proposal = _proposal()
    for verb in ("confirm", "correct", "dismiss"):
        assert api.post(f"/promises/found/{proposal.pk}/{verb}", {}).status_code == 404
    proposal.refresh_from_db()
    assert proposal.state == "proposed"


def test_anonymous_gets_401(imported):
    assert Api(None).get("/promises/found").status_code == 401


@pytest.mark.parametrize("persona", SEES)
def test_confirm_with_corrections(imported, persona):
    api = _api(imported, persona)
    proposal = _proposal()
    answer = api.post(
        f"/promises/found/{proposal.pk}/confirm",
        {"strength": "good_intention", "due_on": "2026-11-20"},
    )
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert (body["strength"], body["statement"]) == ("good_intention", proposal.sentence)
    assert body["due_at"].startswith("2026-11-20")
    assert body["source"] == "mail"
    proposal.refresh_from_db()
    assert proposal.state == "confirmed"


def test_correct_then_dismiss(imported):
    api = _api(imported, "writer")
    proposal = _proposal()
    answer = api.post(
        f"/promises/found/{proposal.pk}/correct", {"promisee_id": imported.colleague.pk}
    )
    assert answer.status_code == 200
    assert answer.json()["promisee_id"] == imported.colleague.pk
    assert api.post(f"/promises/found/{proposal.pk}/dismiss").json()["state"] == "dismissed"
    again = api.post(f"/promises/found/{proposal.pk}/confirm", {})
    assert again.status_code == 409  # a clash with the state, as elsewhere in the API
    assert again.json()["errors"][0]["field"] == "state"
    listed = api.get("/promises/found", state="dismissed").json()["items"]
    assert [i["id"] for i in listed] == [proposal.pk]


@pytest.mark.parametrize(
    ("sentence", "body", "field"),
    [
        ("archive", {}, "due_on"),
        ("reconciled ledger", {"strength": "pinky_swear"}, "strength"),
        ("reconciled ledger", {"due_on": "soon"}, "due_on"),
        ("reconciled ledger", {"promisee_id": 999999}, "promisee"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(imported, sentence, body, field):
    from trustledger.ledger.models import Commitment

    proposal = _proposal(sentence)
    answer = _api(imported, "writer").post(f"/promises/found/{proposal.pk}/confirm", body)
    assert answer.status_code == 422, answer.content
    assert any(field in (e["field"] or "") for e in answer.json()["errors"])
    assert not Commitment.objects.exists()
    proposal.refresh_from_db()
    assert proposal.state == "proposed"
    assert proposal.due_on in (None, dt.date(2026, 11, 6))
