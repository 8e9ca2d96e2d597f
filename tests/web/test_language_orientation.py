"""Self-orientation in language: our side's email bodies to the other side, read as evidence
on the serving side's relationship page and on the person page; never on the counterpart's
view (docs/both-sides.md)."""

from __future__ import annotations

import datetime as dt

import pytest

from trustledger.accounts.models import User
from trustledger.directory.models import Person
from trustledger.engine import language
from trustledger.ledger import actions
from trustledger.ledger import models as m

pytestmark = pytest.mark.django_db
AT = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
AFTER = "2026-03-03"
BODIES = [
    "Hi,\n\nHow can I help with the close? What do you need from us? I will send the list.\n\n"
    "On Mon, 2 Mar 2026, they wrote:\n> We need our report and our numbers from our team.\n",
    "I'm asking because your audit starts soon: is your team ready? We finished our part.",
]


def rel(name: str) -> m.Relationship:
    return next(r for r in m.Relationship.objects.all() if str(r) == name)


def person(name: str) -> Person:
    return Person.objects.get(display_name__startswith=name)


def mail(writer: Person, reader: Person, body: str, at: dt.datetime = AT) -> m.Interaction:
    """An email `writer` sent to `reader` with its body kept (as an import with bodies does)."""
    return actions.record_interaction(
        User.objects.get(username="admin"),
        occurred_at=at,
        channel="email",
        initiator=writer,
        participants=[reader],
        subject="Year-end close",
        notes=body,
    )


@pytest.fixture
def mails(demo):  # type: ignore[no-untyped-def]
    tobias, margit = person("Tobias"), person("Margit")
    for i, body in enumerate(BODIES):
        mail(tobias, margit, body, AT + dt.timedelta(minutes=i))
    mail(
        margit, tobias, "I will pay you. Can you help me?", AT + dt.timedelta(minutes=5)
    )  # theirs to us: not read


def test_the_serving_side_sees_its_own_language_as_evidence(mails, demo_client):
    client = demo_client("tobias")
    # As of the day after: the demo's own mail with bodies (November) is not read yet.
    found = client.get(f"/relationships/{rel('IT ↔ Finance').pk}/?format=json&as_of={AFTER}").json()
    o = found["language_orientation"]
    assert o["messages"] == 2
    # The quoted line and the greeting are not read: 3 sentences in the first mail, 2 in the
    # second.
    assert o["sentences"] == 5
    # "How can I help …?" and "What do you need from us?" both offer help.
    assert o["help_asks"] == 2 and o["intent_declared"] == 1 and o["questions"] == 3
    assert o["explanation"].startswith("Read from 2 emails our side wrote to them, with the")
    assert "Of 5 sentences we wrote" in o["explanation"]
    html = client.get(f"/relationships/{rel('IT ↔ Finance').pk}/").content.decode()
    assert 'data-testid="orientation-evidence"' in html
    assert "Evidence, not a rating" in html


@pytest.mark.parametrize(
    ("persona", "name"),
    [("margit", "IT ↔ Finance"), ("oskar", "IT ↔ Finance"), ("lena", "IT ↔ Marketing")],
)
def test_the_counterpart_view_never_shows_it(mails, demo_client, persona, name):
    client = demo_client(persona)
    url = f"/relationships/{rel(name).pk}/"
    html = client.get(url).content.decode()
    assert 'data-testid="their-side"' in html
    assert "orientation-evidence" not in html and "Self-orientation in" not in html
    assert "language_orientation" not in client.get(url + "?format=json").json()


def test_without_bodies_it_says_so_plainly(demo, demo_client):
    m.Interaction.objects.update(notes="")
    found = demo_client("tobias").get(f"/relationships/{rel('IT ↔ Finance').pk}/?format=json")
    o = found.json()["language_orientation"]
    assert o["messages"] == 0 and o["sentences"] == 0
    assert o["explanation"] == (
        "No message bodies kept for this relationship: import mail with bodies to see this."
    )
    html = demo_client("tobias").get(f"/relationships/{rel('IT ↔ Finance').pk}/").content.decode()
    assert "No message bodies kept for this relationship" in html


def test_the_person_page_reads_the_persons_own_words(mails, demo_client):
    tobias = person("Tobias")
    found = demo_client("tobias").get(f"/people/{tobias.pk}/?format=json&as_of={AFTER}").json()
    o = found["language_orientation"]
    assert o["messages"] == 2 and o["sentences"] == 5
    assert "Tobias Reinholt wrote to the other side" in o["explanation"]
    html = demo_client("tobias").get(f"/people/{tobias.pk}/").content.decode()
    assert 'data-testid="orientation-evidence"' in html


def test_only_the_latest_messages_are_read_and_the_text_says_so(mails, monkeypatch):
    monkeypatch.setattr(language, "MESSAGES_READ", 1)
    o = language.relationship_orientation(rel("IT ↔ Finance"), AT + dt.timedelta(days=1))
    assert o["messages"] == 1 and o["capped"]
    assert o["sentences"] == 2  # the latest mail only
    assert "Read from the latest 1 emails" in o["explanation"]
    assert "older ones are left out" in o["explanation"]


def test_mail_after_the_as_of_day_is_not_read(mails):
    o = language.relationship_orientation(rel("IT ↔ Finance"), AT - dt.timedelta(days=1))
    assert o["messages"] == 0


def test_the_bodies_are_read_once_then_cached_with_the_reports(mails, demo_client, monkeypatch):
    """A second view of the page reads no body again (cached per day and data version)."""
    calls = []
    real = language.relationship_orientation

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(language, "relationship_orientation", counting)
    client = demo_client("tobias")
    url = f"/relationships/{rel('IT ↔ Finance').pk}/?as_of={AFTER}"
    first, second = client.get(url), client.get(url)
    assert first.status_code == second.status_code == 200
    assert len(calls) == 1
