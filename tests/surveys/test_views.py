"""Every survey view against every persona, the public response page, JSON and CSV twins."""

from __future__ import annotations

import csv
import io

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from trustledger.surveys import actions
from trustledger.surveys.models import Response

from .conftest import answers_for

pytestmark = pytest.mark.django_db

READERS = {"admin", "it_manager", "it_member", "viewer"}
MANAGERS = {"admin", "it_manager"}
PERSONAS = ["admin", "it_manager", "it_member", "viewer", "finance_member", "outsider"]


def client_for(cast, persona):  # type: ignore[no-untyped-def]
    client = Client()
    if persona != "anonymous":
        client.force_login(getattr(cast, persona))
    return client


READ_VIEWS = ["surveys:detail", "surveys:results", "surveys:export"]
MANAGE_VIEWS = ["surveys:open", "surveys:remind", "surveys:close", "surveys:add_raters"]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("view", READ_VIEWS)
def test_campaign_pages_are_not_found_for_the_wrong_persona(cast, it_campaign, persona, view):
    """Out of scope looks like nonexistent (404), as in the API: no existence leak."""
    url = reverse(view, args=[it_campaign.campaign.pk])
    status = client_for(cast, persona).get(url).status_code
    assert status == (200 if persona in READERS else 404)
    assert client_for(cast, persona).get(reverse(view, args=[999999])).status_code == 404


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("view", MANAGE_VIEWS)
def test_campaign_buttons_are_refused_to_all_but_managers(cast, it_campaign, persona, view):
    url = reverse(view, args=[it_campaign.campaign.pk])
    client = client_for(cast, persona)
    assert client.get(url).status_code == 405
    response = client.post(url, {"emails": "new@outside.example"})
    # Readers who may not run it are refused (403); the rest do not learn it exists (404).
    refused = 403 if persona in READERS else 404
    assert response.status_code == (302 if persona in MANAGERS else refused)


@pytest.mark.parametrize("view", ["surveys:list", "surveys:create"] + READ_VIEWS + MANAGE_VIEWS)
def test_anonymous_visitors_are_sent_to_the_login(it_campaign, view):
    args = [] if view in ("surveys:list", "surveys:create") else [it_campaign.campaign.pk]
    response = Client().post(reverse(view, args=args))
    assert response.status_code == 302 and response["Location"].startswith("/login/")


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_managers_may_start_a_campaign(cast, persona):
    client = client_for(cast, persona)
    assert client.get(reverse("surveys:create")).status_code == (
        200 if persona in MANAGERS else 403
    )
    response = client.post(
        reverse("surveys:create"), {"title": "Pulse", "subject": f"unit:{cast.it.pk}"}
    )
    assert response.status_code == (302 if persona in MANAGERS else 403)


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_list_shows_only_campaigns_the_persona_may_read(cast, it_campaign, persona):
    data = client_for(cast, persona).get(reverse("surveys:list") + "?format=json").json()
    assert bool(data["campaigns"]) == (persona in READERS)


def test_a_person_campaign_is_not_shown_to_the_persons_colleagues(cast):
    campaign = actions.create_campaign(
        cast.it_manager, title="Ben 360", subject_person=cast.it_member.person
    )
    url = reverse("surveys:results", args=[campaign.pk])
    assert client_for(cast, "it_member").get(url).status_code == 200  # the subject
    assert client_for(cast, "viewer").get(url).status_code == 200
    assert client_for(cast, "it_manager").get(url).status_code == 200
    other = actions.create_campaign(
        cast.it_manager, title="Ada 360", subject_person=cast.it_manager.person
    )
    url = reverse("surveys:results", args=[other.pk])
    assert client_for(cast, "it_member").get(url).status_code == 404


def test_the_manager_opens_reminds_and_closes_with_buttons(
    cast, it_campaign, django_capture_on_commit_callbacks
):
    client = client_for(cast, "it_manager")
    pk = it_campaign.campaign.pk
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("surveys:remind", args=[pk]))
    assert len(mail.outbox) == 9
    assert "http://testserver/surveys/r/" in mail.outbox[0].body
    page = client.get(reverse("surveys:detail", args=[pk]))
    # No count: it would tell how many have not answered (test_anonymity_attacks.py).
    assert b"Reminders sent to everyone who has not answered" in page.content
    client.post(reverse("surveys:close", args=[pk]))
    it_campaign.campaign.refresh_from_db()
    assert it_campaign.campaign.status == "closed"
    # CSRF is enforced on the buttons
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(cast.it_manager)
    assert strict.post(reverse("surveys:remind", args=[pk])).status_code == 403


def respond_url(token: str) -> str:
    return reverse("surveys:respond", args=[token])


def test_the_response_page_is_a_plain_accessible_form(it_campaign):
    token = it_campaign.tokens["fin0@testco.example"]
    page = Client().get(respond_url(token), follow=True)
    html = page.content.decode()
    assert page.status_code == 200
    assert "<script" not in html
    assert 'name="viewport"' in html
    assert html.count("<fieldset") == 21  # 20 statements and the relationship section
    assert html.count("<legend>") == 21
    assert html.count('value="dk"') == 20
    assert "They warn us early" in html  # about the other side
    # The form's page has no token in its URL (the link redirected); under "no-referrer" a
    # browser would post `Origin: null` and the CSRF check would refuse every answer.
    assert page["Referrer-Policy"] == "same-origin"
    assert "no-store" in page["Cache-Control"]
    self_page = (
        Client().get(respond_url(it_campaign.tokens["ben@testco.example"]), follow=True).content
    ).decode()
    assert "We warn others early" in self_page and "How do you see yourselves?" in self_page


def test_a_rater_submits_without_javascript_and_changes_their_answers(it_campaign):
    token = it_campaign.tokens["fin0@testco.example"]
    client = Client(enforce_csrf_checks=True)
    client.get(respond_url(token), follow=True)
    csrf = client.cookies["csrftoken"].value
    data = {code: str(v) for code, v in answers_for("unit", 4).items()}
    data.update(
        {"csrfmiddlewaretoken": csrf, "service_level": "2", "comment": "Talk to us", "rel_1": "dk"}
    )
    response = client.post(respond_url(token), data)
    assert response.status_code == 302
    again = client.get(response["Location"]).content.decode()
    assert "your answers are saved" in again
    assert token not in response["Location"]
    # stored answers are never shown again, not even to the rater's own browser
    assert 'value="4" checked' not in again
    data["cred_1"] = "9"
    client.post(respond_url(token), data)
    assert Response.objects.count() == 1
    stored = Response.objects.get()
    assert stored.answers.get(item="cred_1").value == 9
    assert stored.answers.get(item="rel_1").value is None
    assert stored.service_level == 2


def test_answers_off_the_scale_get_a_clear_error(it_campaign):
    token = it_campaign.tokens["fin0@testco.example"]
    response = Client().post(respond_url(token), {"cred_1": "11"})
    assert response.status_code == 400
    assert "not on the scale" in response.content.decode()
    assert Response.objects.count() == 0


def test_unknown_and_expired_links_look_the_same(cast, it_campaign):
    closed_token = it_campaign.tokens["fin0@testco.example"]
    actions.close_campaign(cast.it_manager, it_campaign.campaign)
    unknown = Client().get(respond_url("A" * 43))
    expired = Client().get(respond_url(closed_token))
    assert unknown.status_code == expired.status_code == 404
    assert unknown.content == expired.content
    posted = Client().post(respond_url(closed_token), answers_for("unit", 5))
    assert posted.status_code == 404 and Response.objects.count() == 0


def test_probing_tokens_is_rate_limited_per_address(it_campaign, settings):
    settings.TRUSTLEDGER_SURVEY_IP_INVALID = 3
    from django.core.cache import cache

    cache.clear()
    client = Client()
    codes = [client.get(respond_url(f"guess{i:040d}")).status_code for i in range(5)]
    assert codes == [404, 404, 404, 429, 429]
    cache.clear()


def test_submitting_is_rate_limited_per_token(it_campaign, settings):
    settings.TRUSTLEDGER_SURVEY_TOKEN_POSTS = 2
    from django.core.cache import cache

    cache.clear()
    token = it_campaign.tokens["fin0@testco.example"]
    data = {code: str(v) for code, v in answers_for("unit", 5).items()}
    codes = [Client().post(respond_url(token), data).status_code for _ in range(3)]
    assert codes == [302, 302, 429]
    cache.clear()


def close_with_answers(cast, run, levels):  # type: ignore[no-untyped-def]
    for address, level in levels.items():
        actions.submit_response(
            run.tokens[address], answers_for("unit", level), comment=f"from {address}"
        )
    actions.close_campaign(cast.it_manager, run.campaign)


def test_results_wait_until_the_campaign_closes(cast, it_campaign):
    for i in range(6):
        actions.submit_response(
            it_campaign.tokens[f"fin{i}@testco.example"], answers_for("unit", 5)
        )
    client = client_for(cast, "it_manager")
    data = client.get(
        reverse("surveys:results", args=[it_campaign.campaign.pk]) + "?format=json"
    ).json()
    assert data["state"] == "not_closed" and data["results"] is None
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(
                    reverse("surveys:export", args=[it_campaign.campaign.pk])
                ).content.decode()
            )
        )
    )
    assert len(rows) == 1  # the header only


def test_results_page_json_and_csv_agree_and_hide_small_groups(cast, it_campaign):
    levels = {f"fin{i}@testco.example": 4 + i % 2 for i in range(6)}
    levels["partner@outside.example"] = 9
    levels["ada@testco.example"] = 9
    close_with_answers(cast, it_campaign, levels)
    client = client_for(cast, "it_member")
    url = reverse("surveys:results", args=[it_campaign.campaign.pk])
    data = client.get(url + "?format=json").json()
    credibility = data["results"]["components"][0]
    assert credibility["others"]["n"] == 7 and credibility["others"]["state"] == "shown"
    assert credibility["self"]["state"] == "suppressed"  # one IT member answered
    by_unit = {
        g["group"]: g["components"]["credibility"] for g in data["results"]["breakdowns"]["unit"]
    }
    # Finance 6 shown would give the external rater back (7 - 6): both hidden
    assert (
        by_unit["Finance"]["state"] == "suppressed" and by_unit["No unit"]["state"] == "suppressed"
    )
    assert data["results"]["comments"] is None  # fewer than 10 raters
    html = client.get(url).content.decode()
    assert "Hidden: fewer than 5 raters" in html
    assert "from partner" not in html and "from fin" not in html
    export = client.get(reverse("surveys:export", args=[it_campaign.campaign.pk]))
    rows = list(csv.DictReader(io.StringIO(export.content.decode())))
    finance = [r for r in rows if r["group"] == "Finance"]
    assert finance and all(r["mean"] == "" and r["n"] == "" for r in finance)
    overall = next(r for r in rows if r["view"] == "others" and r["component"] == "credibility")
    assert float(overall["mean"]) == pytest.approx(credibility["others"]["mean"])


def test_a_breakdown_it_cannot_draw_is_a_400_naming_it(cast, it_campaign):
    client = client_for(cast, "it_manager")
    response = client.get(
        reverse("surveys:results", args=[it_campaign.campaign.pk]) + "?by=%3Cb%3Eperson"
    )
    assert response.status_code == 400
    assert b"<code>by</code>" in response.content and b"<b>person" not in response.content


def test_a_title_or_group_a_spreadsheet_would_run_as_a_formula_is_exported_as_text(
    cast, it_campaign
):
    """CSV injection: the campaign's title and the raters' unit names are typed by people."""
    it_campaign.campaign.title = '=HYPERLINK("http://evil.example","pulse")'
    it_campaign.campaign.save(update_fields=["title"])
    cast.finance.name = "@Finance"
    cast.finance.save(update_fields=["name"])
    close_with_answers(cast, it_campaign, {f"fin{i}@testco.example": 4 for i in range(6)})
    client = client_for(cast, "it_manager")
    export = client.get(reverse("surveys:export", args=[it_campaign.campaign.pk]))
    rows = list(csv.reader(io.StringIO(export.content.decode())))
    cells = [cell for row in rows[1:] for cell in row]
    assert "'" + it_campaign.campaign.title in cells and "'@Finance" in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")]
