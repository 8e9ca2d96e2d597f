"""The review queues and their buttons, per persona: the writer, their manager and admins see
and decide; the promisee, a fellow member, a viewer and an outsider do not."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

SEES = ["writer", "manager", "admin"]
REFUSED = ["promisee", "other_member", "viewer", "outsider"]
SENTENCE = "reconciled ledger"


def _client(found, persona):  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(found.users()[persona])
    return client


def _proposal(found):  # type: ignore[no-untyped-def]
    from trustledger.promises.models import ProposedPromise

    return ProposedPromise.objects.get(sentence__contains=SENTENCE)


@pytest.mark.parametrize("persona", SEES)
def test_the_queue_shows_the_proposal_with_its_deciding_words(imported, persona):
    client = _client(imported, persona)
    html = client.get("/promises/found/").content.decode()
    assert SENTENCE in html
    assert '<mark class="cue"' in html
    assert 'data-testid="confirm"' in html
    assert f"/records/interaction/{_proposal(imported).interaction_id}/" in html
    data = client.get("/promises/found/?format=json").json()
    row = next(r for r in data["proposals"] if SENTENCE in r["sentence"])
    assert row["strength"] == "commitment"
    assert row["due_on"] == "2026-11-06"
    assert row["promisee"]["name"] == "Cleo Finance"
    assert {r["name"] for r in row["recipients"]} == {"Cleo Finance", "Dora Other"}
    assert any(s["cue"] for s in row["segments"])


@pytest.mark.parametrize("persona", REFUSED)
def test_the_queue_does_not_show_it_to_others(imported, persona):
    client = _client(imported, persona)
    assert SENTENCE not in client.get("/promises/found/").content.decode()
    assert client.get("/promises/found/?format=json").json()["count"] == 0


@pytest.mark.parametrize("persona", SEES)
def test_the_relationship_queue_and_its_count(imported, persona):
    client = _client(imported, persona)
    rel = imported.relationship.pk
    page = client.get(f"/relationships/{rel}/").content.decode()
    assert f"/relationships/{rel}/promises-found/" in page
    queue = client.get(f"/relationships/{rel}/promises-found/?format=json").json()
    assert any(SENTENCE in r["sentence"] for r in queue["proposals"])


@pytest.mark.parametrize(
    ("persona", "status"),
    [("promisee", 404), ("outsider", 404), ("other_member", 200), ("viewer", 200)],
)
def test_the_relationship_queue_is_refused_or_empty_for_others(imported, persona, status):
    client = _client(imported, persona)
    response = client.get(f"/relationships/{imported.relationship.pk}/promises-found/")
    assert response.status_code == status
    assert SENTENCE not in response.content.decode()


@pytest.mark.parametrize("persona", SEES)
def test_home_counts_the_promises_awaiting_review(imported, persona):
    html = _client(imported, persona).get("/").content.decode()
    assert 'data-testid="promises-found"' in html
    assert "await your review" in html


@pytest.mark.parametrize("persona", REFUSED)
def test_home_counts_nothing_for_others(imported, persona):
    html = _client(imported, persona).get("/").content.decode()
    assert 'data-testid="promises-found"' not in html


@pytest.mark.parametrize("persona", SEES)
def test_confirm_with_corrections_makes_the_commitment(imported, persona):
    from trustledger.ledger.models import Commitment

    proposal = _proposal(imported)
    response = _client(imported, persona).post(
        proposal_url(proposal, "confirm"),
        {"strength": "best_effort", "due_on": "2026-11-13", "promisee": imported.promisee.pk},
    )
    assert response.status_code == 302
    commitment = Commitment.objects.get()
    assert (commitment.strength, commitment.due_at.date()) == ("best_effort", dt.date(2026, 11, 13))
    assert commitment.statement == proposal.sentence


def proposal_url(proposal, verb):  # type: ignore[no-untyped-def]
    return f"/promises/found/{proposal.pk}/{verb}/"


@pytest.mark.parametrize("persona", REFUSED)
@pytest.mark.parametrize("verb", ["confirm", "correct", "dismiss"])
def test_others_are_refused_the_buttons(imported, persona, verb):
    proposal = _proposal(imported)
    response = _client(imported, persona).post(proposal_url(proposal, verb), {})
    assert response.status_code == 404
    proposal.refresh_from_db()
    assert proposal.state == "proposed"


def test_a_writer_who_only_views_sees_but_may_not_decide(imported):
    from trustledger.accounts.models import Membership

    Membership.objects.filter(user=imported.cast.it_member).update(role="viewer")
    client = _client(imported, "writer")
    assert SENTENCE in client.get("/promises/found/").content.decode()
    assert client.post(proposal_url(_proposal(imported), "dismiss")).status_code == 403


def test_anonymous_is_sent_to_log_in(imported):
    assert Client().get("/promises/found/").status_code == 302
    assert Client().post(proposal_url(_proposal(imported), "dismiss")).status_code == 302


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"strength": "pinky_swear"}, "strength"),
        ({"due_on": "next week"}, "due_on"),
        ({"promisee": "abc"}, "promisee"),
        ({"promisee": "999999"}, "promisee"),
    ],
)
def test_bad_input_is_refused_naming_the_field(imported, data, field):
    from trustledger.ledger.models import Commitment

    client = _client(imported, "writer")
    response = client.post(proposal_url(_proposal(imported), "confirm") + "?format=json", data)
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == field
    assert not Commitment.objects.exists()


def test_confirm_without_a_date_names_due_on(imported):
    from trustledger.promises.models import ProposedPromise

    proposal = ProposedPromise.objects.get(sentence__contains="archive")
    response = _client(imported, "writer").post(proposal_url(proposal, "confirm"), {})
    assert response.status_code == 400
    assert "due_on" in response.content.decode()


def test_dismiss_then_the_queue_filters(imported):
    client = _client(imported, "writer")
    proposal = _proposal(imported)
    assert client.post(proposal_url(proposal, "dismiss")).status_code == 302
    assert SENTENCE not in client.get("/promises/found/").content.decode()
    dismissed = client.get("/promises/found/?state=dismissed&format=json").json()
    assert [r["id"] for r in dismissed["proposals"]] == [proposal.pk]
    rel = imported.relationship.pk
    assert client.get(f"/promises/found/?relationship={rel}&format=json").json()["count"] == 1
    assert client.get("/promises/found/?state=maybe").status_code == 400
    assert client.get("/promises/found/?relationship=999999").status_code == 400
