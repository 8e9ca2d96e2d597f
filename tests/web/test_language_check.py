"""/language/: any logged-in user checks a draft (HTML and its JSON twin); the anonymous are
sent to log in; bad input is named by its field. /language/strength/: the commitment form's
hint, JSON only."""

from __future__ import annotations

import pytest

from trustledger.directory.models import Person
from trustledger.domain.limits import TEXT_MAX

pytestmark = pytest.mark.django_db
PERSONAS = ["admin", "it_manager", "it_member", "viewer", "finance_member", "outsider"]
DRAFT = (
    "Hi Cleo,\n\nI will send the export by Friday. We'll try to fix the report. "
    "I hope to visit in spring.\n\n"
    "-----Original Message-----\nFrom: Cleo\nI will pay the invoice tomorrow.\n"
)
AT = "2026-03-03T09:00"


@pytest.mark.parametrize(
    "url", ["/language/", "/language/?format=json", "/language/strength/?sentence=I+will"]
)
def test_the_anonymous_are_sent_to_log_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_the_anonymous_cannot_post_a_draft(client):
    response = client.post("/language/", {"text": DRAFT})
    assert response.status_code == 302 and response["Location"].startswith("/login/")


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_member_may_check_a_draft(cast, client, persona):
    client.force_login(getattr(cast, persona))
    page = client.get("/language/")
    assert page.status_code == 200
    assert 'href="/language/" aria-current="page"' in page.content.decode()
    response = client.post("/language/", {"text": DRAFT, "written_at": AT, "time_zone": "UTC"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('data-strength="commitment"') == 1
    assert html.count('data-strength="best_effort"') == 1
    assert html.count('data-strength="good_intention"') == 1
    assert '<mark class="cue" title="hedged by effort or capacity">We&#x27;ll try</mark>' in html
    assert 'Due <time datetime="2026-03-06">' in html
    assert "reads as a good intention. If the outcome is in your power" in html
    assert '<details class="removed" data-kind="quote">' in html


def test_the_json_twin_answers_the_same_reading(cast, client):
    client.force_login(cast.it_member)
    response = client.post(
        "/language/?format=json", {"text": DRAFT, "written_at": AT, "time_zone": "UTC"}
    )
    assert response.status_code == 200
    check = response.json()["check"]
    # The greeting is set aside with the quoted message: three sentences are read.
    assert [s["strength"] for s in check["sentences"]] == [
        "commitment",
        "best_effort",
        "good_intention",
    ]
    assert check["counts"]["commitment"] == 1 and check["promises"] == 3
    assert (
        "".join(p["text"] for p in check["sentences"][1]["pieces"])
        == (check["sentences"][1]["text"])
    )
    assert not any("invoice" in s["text"] for s in check["sentences"])
    assert "quote" in [z["kind"] for z in check["removed"]]
    empty = client.get("/language/", headers={"Accept": "application/json"}).json()
    assert empty["check"] is None and empty["text_max"] == TEXT_MAX


def test_the_default_zone_is_the_readers_own(cast, client):
    Person.objects.filter(display_name="Ben Member").update(time_zone="Asia/Tokyo")
    client.force_login(cast.it_member)
    check = client.post("/language/?format=json", {"text": "I will call."}).json()["check"]
    assert check["time_zone"] == "Asia/Tokyo"
    client.force_login(cast.viewer)  # no person of their own: the app's zone
    check = client.post("/language/?format=json", {"text": "I will call."}).json()["check"]
    assert check["time_zone"] == "UTC"


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({"text": ""}, "text", "empty"),
        ({"text": "x" * (TEXT_MAX + 1)}, "text", "At most 20,000 characters"),
        ({"text": "I will.", "time_zone": "Nowhere/Land"}, "time_zone", "not a known time zone"),
        ({"text": "I will.", "written_at": "soon"}, "written_at", "a date like"),
    ],
)
def test_bad_input_is_named_by_its_field(cast, client, data, field, words):
    client.force_login(cast.it_member)
    response = client.post("/language/", data)
    assert response.status_code == 422
    html = response.content.decode()
    assert f'data-field="{field}"' in html and words in html
    assert 'id="field-' + field + '"' in html
    answer = client.post("/language/?format=json", data)
    assert answer.status_code == 422
    errors = answer.json()["errors"]
    assert [e["field"] for e in errors] == [field] and words in errors[0]["reason"]


def test_a_post_without_the_csrf_token_is_refused(cast):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.it_member)
    assert client.post("/language/", {"text": DRAFT}).status_code == 403


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_strength_hint_reads_one_sentence(cast, client, persona):
    client.force_login(getattr(cast, persona))
    found = client.get("/language/strength/", {"sentence": "We'll try to fix it"}).json()
    assert found["strength"] == "best_effort" and found["choice"] == "best_effort"
    assert found["cues"][0]["words"] == "We'll try"
    assert found["strength_label"] == "a best effort"
    none = client.get("/language/strength/", {"sentence": ""}).json()
    assert none["strength"] == "none" and none["choice"] is None


def test_the_strength_hint_refuses_a_long_sentence(cast, client):
    client.force_login(cast.it_member)
    response = client.get("/language/strength/", {"sentence": "x" * (TEXT_MAX + 1)})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "sentence"


def test_the_commitment_forms_offer_the_hint_and_still_save_without_it(cast, client):
    import datetime as dt

    from trustledger.ledger.models import Commitment

    client.force_login(cast.it_manager)
    html = client.get("/entry/commitment/").content.decode()
    assert 'data-strength-check="/language/strength/"' in html
    assert "web/strength.js" in html
    # Without the script the form posts as before: the chosen strength is kept as chosen.
    due = (dt.date.today() + dt.timedelta(days=7)).isoformat()
    response = client.post(
        "/entry/commitment/",
        {
            "what": "Send the mapping",
            "promisee": Person.objects.get(display_name="Ben Member").pk,
            "due_on": due,
            "strength": "commitment",
            "statement": "We'll try to send the mapping.",
        },
    )
    assert response.status_code == 302
    made = Commitment.objects.get(what="Send the mapping")
    assert made.strength == "commitment"
    edit = client.get(f"/records/commitment/{made.pk}/edit/").content.decode()
    assert 'data-strength-check="/language/strength/"' in edit and "web/strength.js" in edit
    other = client.get("/entry/feedback/").content.decode()
    assert "web/strength.js" not in other


def test_every_kind_of_zone_set_aside_has_a_label():
    from typing import get_args

    from trustledger.engine.drafts import ZONE_LABELS
    from trustledger.language.zoning import ZoneKind

    assert set(get_args(ZoneKind)) == set(ZONE_LABELS)
