"""Every endpoint against every persona, and a read-only token trying to write."""

from __future__ import annotations

import pytest

from tests.api.conftest import PERSONAS, Api

pytestmark = pytest.mark.django_db

LISTS = [
    "/people",
    "/units",
    "/organizations",
    "/relationships",
    "/interactions",
    "/commitments",
    "/feedback",
    "/needs",
    "/measures",
    "/reviews",
    "/level-changes",
    "/decisions",
    "/surveys/campaigns",
    "/export/people.json",
    "/export/commitments.json",
]

# Who reads which relationship (see trustledger/accounts/access.py).
READERS = {
    "member_customer": {"admin", "it_manager", "it_member", "viewer"},
    "it_finance": {"admin", "it_manager", "it_member", "viewer"},
    "finance_it": {"admin", "finance_member"},
}
# Who may change which relationship: the rest of its readers get 403, non-readers 404.
WRITERS = {
    "member_customer": {"admin", "it_manager", "it_member"},
    "it_finance": {"admin", "it_manager"},
    "finance_it": {"admin", "finance_member"},
}


def expected(name: str, persona: str) -> int:
    if persona in WRITERS[name]:
        return 201
    return 403 if persona in READERS[name] else 404


@pytest.mark.parametrize("path", LISTS)
def test_every_list_refuses_the_anonymous(ledger, path):
    response = Api(None).get(path)
    assert response.status_code == 401
    assert response.json()["errors"][0]["field"] is None


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("path", LISTS)
def test_every_list_answers_every_persona_within_its_scope(ledger, as_user, persona, path):
    response = as_user(persona).get(path)
    assert response.status_code == 200, response.content
    if persona == "outsider" and not path.startswith("/export"):
        assert response.json()["items"] == []


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(READERS))
def test_a_relationship_and_its_report_show_only_to_its_readers(ledger, as_user, persona, name):
    rel = getattr(ledger, name)
    api = as_user(persona)
    want = 200 if persona in READERS[name] else 404
    assert api.get(f"/relationships/{rel.pk}").status_code == want
    report = api.get(f"/relationships/{rel.pk}/report")
    assert report.status_code == want
    if want == 200:
        health = report.json()["health"]
        assert {"formula", "inputs", "n", "record_ids"} <= set(health["explanation"])
    listed = {r["id"] for r in api.get("/relationships").json()["items"]}
    assert (rel.pk in listed) == (persona in READERS[name])


@pytest.mark.parametrize("persona", PERSONAS)
def test_interactions_and_commitments_follow_the_relationships(ledger, as_user, persona):
    api = as_user(persona)
    seen = {i["relationship_id"] for i in api.get("/interactions", limit=200).json()["items"]}
    # A record filed under a relationship is read with it, by its parties and by the other
    # side: the IT manager is the counterpart of Finance's relationship (he was in its meeting
    # and is the promisee of its commitment), and the IT viewer reads the IT manager's side.
    parties = {"finance_it": {"it_manager", "viewer"}}
    readable = {
        getattr(ledger, n).pk
        for n, who in READERS.items()
        if persona in who or persona in parties.get(n, set())
    }
    # The other side names the relationship too: it opens its view (docs/both-sides.md).
    opens = readable
    assert seen - {None} <= opens
    if persona in parties["finance_it"]:
        assert ledger.finance_it.pk in seen
    commitments = {c["relationship_id"] for c in api.get("/commitments").json()["items"]}
    assert commitments - {None} <= opens
    for c in ledger.commitments.values():
        status = api.get(f"/commitments/{c.pk}").status_code
        assert status == (200 if c.relationship_id in readable else 404)


@pytest.mark.parametrize("persona", PERSONAS)
def test_people_units_and_reports_by_persona(ledger, cast, as_user, persona):
    api = as_user(persona)
    it_visible = persona in {"admin", "it_manager", "it_member", "viewer"}
    assert api.get(f"/units/{cast.it.pk}").status_code == (200 if it_visible else 404)
    assert api.get(f"/units/{cast.it.pk}/report").status_code == (200 if it_visible else 404)
    finance_person = cast.finance_member.person
    sees_cleo = persona in {"admin", "finance_member"}
    assert api.get(f"/people/{finance_person.pk}").status_code == (200 if sees_cleo else 404)
    assert api.get(f"/people/{finance_person.pk}/report").status_code == (200 if sees_cleo else 404)
    org = api.get(f"/organizations/{ledger.customer.pk}").status_code
    assert org == (200 if persona in READERS["member_customer"] else 404)


def _writes(ledger, cast):
    """(relationship name, method path, body) for every write endpoint."""
    member, alice = cast.it_member.person, ledger.alice
    rel = ledger.member_customer
    return [
        ("member_customer", f"/relationships/{rel.pk}/needs", {"description": "A dashboard"}),
        ("member_customer", f"/relationships/{rel.pk}/feedback", {"summary": "Too slow"}),
        (
            "member_customer",
            f"/relationships/{rel.pk}/measures",
            {"name": "Uptime", "target": "99.9%"},
        ),
        ("member_customer", f"/relationships/{rel.pk}/reviews", {"held_on": "2026-06-10"}),
        (
            "member_customer",
            f"/relationships/{rel.pk}/level-changes",
            {"to_level": 2, "reason": "asked for help twice"},
        ),
        ("member_customer", "/decisions", {"title": "Move the release", "relationship_id": rel.pk}),
        (
            "member_customer",
            "/interactions",
            {
                "occurred_at": "2026-06-20T10:00:00Z",
                "channel": "email",
                "initiator_id": member.pk,
                "participant_ids": [alice.pk],
                "relationship_id": rel.pk,
            },
        ),
        (
            "member_customer",
            "/commitments",
            {
                "promisor_id": member.pk,
                "promisee_id": alice.pk,
                "what": "Call back",
                "strength": "best_effort",
                "made_at": "2026-06-20T10:00:00Z",
                "due_at": "2026-06-21T10:00:00Z",
                "relationship_id": rel.pk,
            },
        ),
    ]


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_write_is_the_actions_decision_per_persona(ledger, cast, as_user, persona):
    api = as_user(persona)
    for name, path, body in _writes(ledger, cast):
        response = api.post(path, body)
        want = expected(name, persona)
        if persona == "viewer":
            want = 403
        assert response.status_code == want, (path, response.content)
        assert "errors" in response.json() or want == 201


TRANSITIONS = [
    ("keep", {"at": "2026-06-02T09:00:00Z"}, "kept"),
    ("keep-late", {"at": "2026-06-20T09:00:00Z"}, "kept_late"),
    ("break", {"at": "2026-06-20T09:00:00Z", "note": "forgot"}, "broken"),
    ("release", {"at": "2026-06-02T09:00:00Z"}, "released"),
    (
        "renegotiate",
        {"new_due_at": "2026-07-01T09:00:00Z", "at": "2026-06-02T09:00:00Z"},
        "renegotiated",
    ),
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("action", "body", "state"), TRANSITIONS)
def test_commitment_state_changes_per_persona(ledger, as_user, persona, action, body, state):
    commitment = ledger.commitments["member_to_alice"]
    response = as_user(persona).post(f"/commitments/{commitment.pk}/{action}", body)
    want = expected("member_customer", persona)
    if want == 201:
        want = 201 if action == "renegotiate" else 200
    assert response.status_code == want, response.content
    commitment.refresh_from_db()
    assert (commitment.state == state) == (want in (200, 201))
    if action == "renegotiate" and want == 201:
        assert response.json()["renegotiated_from_id"] == commitment.pk


def test_closing_a_closed_commitment_is_a_409_naming_the_field(ledger, as_user):
    commitment = ledger.commitments["member_to_alice"]
    api = as_user("it_member")
    assert (
        api.post(f"/commitments/{commitment.pk}/keep", {"at": "2026-06-02T09:00:00Z"}).status_code
        == 200
    )
    again = api.post(f"/commitments/{commitment.pk}/break", {})
    assert again.status_code == 409  # valid in itself; clashes with the commitment's state
    assert again.json()["errors"][0]["field"] == "state"


def test_feedback_loop_closes_through_the_action(ledger, as_user):
    api = as_user("it_member")
    item = api.post(
        f"/relationships/{ledger.member_customer.pk}/feedback",
        {"summary": "Reports arrive late", "received_at": "2026-06-03T09:00:00Z"},
    ).json()
    closed = api.post(
        f"/feedback/{item['id']}/close",
        {"what_changed": "Daily report at 8", "at": "2026-06-05T09:00:00Z"},
    )
    assert closed.status_code == 200
    assert closed.json()["loop_closed_at"].startswith("2026-06-05")
    assert (
        as_user("finance_member")
        .post(f"/feedback/{item['id']}/close", {"what_changed": "x"})
        .status_code
        == 404
    )


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_read_only_token_never_writes(ledger, cast, tokens, persona):
    read_only = Api(tokens["admin_read"] if persona == "admin" else tokens["it_member_read"])
    for _name, path, body in _writes(ledger, cast):
        response = read_only.post(path, body)
        assert response.status_code == 403, path
        assert response.json() == {
            "errors": [{"field": None, "reason": "This token is read only."}]
        }
    commitment = ledger.commitments["member_to_alice"]
    assert read_only.post(f"/commitments/{commitment.pk}/keep", {}).status_code == 403
    assert read_only.get("/relationships").status_code == 200
