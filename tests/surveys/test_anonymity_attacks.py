"""Anonymity attacks that recovered one rater's answers exactly (issue 12, A1–A9).

Each test plays the attacker with realistic data: someone who may read the results combines
what the pages, JSON twins, CSV, API and trust map publish, and tries to compute one rater's
answers. The test asserts that the combination gives nothing back.
"""

from __future__ import annotations

import csv
import io
import itertools
import re

import numpy as np
import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.surveys.conftest import add_people, answers_for, tokens_in, with_email
from trustledger.api.tokens import create_token
from trustledger.directory.models import Organization, Person, Unit
from trustledger.surveys import actions

pytestmark = pytest.mark.django_db
K = 5


def client_for(user):  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def answer_all(tokens, levels, kind="unit"):  # type: ignore[no-untyped-def]
    """Each rater (address -> component level, None = don't know everywhere) answers."""
    for address, level in levels.items():
        actions.submit_response(tokens[address], answers_for(kind, level))


def results_json(client, campaign):  # type: ignore[no-untyped-def]
    return client.get(reverse("surveys:results", args=[campaign.pk]) + "?format=json").json()


def others_sum(figure):  # type: ignore[no-untyped-def]
    """What an attacker reads off a published aggregate: (n, n × mean), or None if hidden."""
    if not figure or figure.get("mean") is None or not figure.get("n"):
        return None
    return figure["n"], figure["n"] * figure["mean"]


def published_sums(user, campaign, unit):  # type: ignore[no-untyped-def]
    """Every (n, sum) of others' reliability that any page or the API publishes about this
    campaign, as `user` reads them."""
    client = client_for(user)
    found = []
    data = results_json(client, campaign)["results"]
    rel = next(c for c in data["components"] if c["component"] == "reliability")
    found.append(("results", others_sum(rel["others"])))
    for dimension, groups in data["breakdowns"].items():
        for group in groups:
            cell = group["components"]["reliability"]
            found.append((f"{dimension}:{group['group']}", others_sum(cell)))
    page = client.get(f"/units/{unit.pk}/?format=json").json()
    ot = page["report"]["organizational_trust"]
    if ot:
        found.append(("unit page", others_sum(ot["trust"]["components"]["reliability"])))
    tmap = client.get(f"/map/?unit={unit.pk}&format=json").json()
    for column in tmap["columns"]:
        if column["unit_id"] == unit.pk and column["overall"].get("components"):
            overall = column["overall"]["components"]["reliability"]
            found.append(("map overall", others_sum(overall)))
    for row in tmap["rows"]:
        for column, cell in zip(tmap["columns"], row["cells"], strict=True):
            if column["unit_id"] == unit.pk and cell.get("components"):
                found.append((f"map {row['name']}", others_sum(cell["components"]["reliability"])))
    _, token = create_token(user, name="attack")
    api = (
        Client()
        .get(f"/api/v1/units/{unit.pk}/report", headers={"Authorization": f"Bearer {token}"})
        .json()
    )
    if api["organizational_trust"]:
        trust = api["organizational_trust"]["trust"]
        found.append(("api unit report", others_sum(trust["components"]["reliability"])))
    gap = tmap.get("perception_gap")
    if gap:
        for row in gap["components"]:
            if row["component"] == "reliability" and row["others"] is not None:
                found.append(("map gap", (row["others_n"], row["others_n"] * row["others"])))
    return [(where, s) for where, s in found if s is not None]


def small_differences(sums):  # type: ignore[no-untyped-def]
    """Pairs of published figures whose difference covers 1..k-1 raters."""
    leaks = []
    for where_a, (n_a, s_a) in sums:
        for where_b, (n_b, s_b) in sums:
            if 0 < n_a - n_b < K:
                leaks.append((where_a, where_b, n_a - n_b, round((s_a - s_b) / (n_a - n_b), 2)))
    return leaks


def recoverable_sets(groups, raters):  # type: ignore[no-untyped-def]
    """The attacker's linear algebra: sets of fewer than k raters whose sum of answers follows
    from the published sums (each group is the set of raters it covers)."""
    index = {r: i for i, r in enumerate(raters)}
    rows = np.array([[1.0 if r in g else 0.0 for r in raters] for g in groups])
    rank = np.linalg.matrix_rank(rows)
    found = []
    for size in range(1, K):
        for subset in itertools.combinations(raters, size):
            vector = np.zeros(len(raters))
            vector[[index[r] for r in subset]] = 1.0
            if np.linalg.matrix_rank(np.vstack([rows, vector])) == rank:
                found.append(subset)
    return found


def campaign_about(unit, manager, capture, *, people=(), emails=()):  # type: ignore[no-untyped-def]
    """Create and open a campaign through the real actions; returns (campaign, tokens)."""
    campaign = actions.create_campaign(manager, title=f"{unit.name} pulse", subject_unit=unit)
    actions.add_raters(manager, campaign, people=people, emails=emails)
    mail.outbox.clear()
    with capture(execute=True):
        actions.open_campaign(manager, campaign, base_url="http://testserver")
    return campaign, tokens_in(mail.outbox)


# --- A1/A6: two views of one campaign over different rater sets -------------------------------
def test_the_results_page_unit_page_and_map_count_the_same_raters(cast, it_campaign):
    """Six Finance raters and one external partner with no unit. The results page counted 7,
    the unit page and the map 6: 7 × mean7 − 6 × mean6 was the partner's answer."""
    run = it_campaign
    levels = {f"fin{i}@testco.example": 6 for i in range(6)}
    levels["partner@outside.example"] = 1  # the victim
    answer_all(run.tokens, levels)
    actions.close_campaign(cast.it_manager, run.campaign)
    sums = published_sums(cast.it_manager, run.campaign, cast.it)
    assert sums, "the attack needs at least one published figure"
    assert small_differences(sums) == []


# --- A2: breakdowns across dimensions ----------------------------------------------------------
@pytest.fixture
def two_dimensions(cast, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    """Raters of IT: 6 Finance people, 7 people of the partner's Purchasing unit, and the
    partner's account lead, who has no unit (the victim); partner addresses are in its
    verified mail domain."""
    partner = Organization.objects.create(
        name="Partner Co", kind="partner", email_domains="partner.example"
    )
    purchasing = Unit.objects.create(organization=partner, name="Purchasing")
    finance = add_people(cast.finance, "Fin", 6)
    buyers = [
        with_email(
            Person.objects.create(display_name=f"Buyer {i}", organization=partner, unit=purchasing),
            f"buyer{i}@partner.example",
        )
        for i in range(7)
    ]
    victim = with_email(
        Person.objects.create(display_name="Vic Lead", organization=partner), "vic@partner.example"
    )
    campaign, tokens = campaign_about(
        cast.it,
        cast.it_manager,
        django_capture_on_commit_callbacks,
        people=[*finance, *buyers, victim],
    )
    levels = {address: 6 if address.startswith("fin") else 7 for address in tokens}
    levels["vic@partner.example"] = 2
    answer_all(tokens, levels)
    actions.close_campaign(cast.it_manager, campaign)
    fin = {a for a in tokens if a.startswith("fin")}
    buy = {a for a in tokens if a.startswith("buyer")}
    members = {
        ("unit", "Finance"): fin,
        ("unit", "Purchasing"): buy,
        ("unit", "No unit"): {"vic@partner.example"},
        ("organization", "Testco"): fin,
        ("organization", "Partner Co"): buy | {"vic@partner.example"},
    }
    return campaign, sorted(tokens), members, partner


def test_breakdowns_by_unit_and_organization_together_recover_no_rater(cast, two_dimensions):
    """Partner Co (8) minus Purchasing (7) was the victim's answer, on page, CSV and API."""
    campaign, raters, members, _ = two_dimensions
    client = client_for(cast.it_manager)
    data = results_json(client, campaign)["results"]
    shown = [set(raters)]
    for dimension, groups in data["breakdowns"].items():
        for group in groups:
            if group["components"]["reliability"]["state"] == "shown":
                shown.append(members[(dimension, group["group"])])
    assert recoverable_sets(shown, raters) == []

    export = client.get(reverse("surveys:export", args=[campaign.pk])).content.decode()
    csv_shown = [set(raters)] + [
        members[(row["view"][3:], row["group"])]
        for row in csv.DictReader(io.StringIO(export))
        if row["group"] != "all" and row["component"] == "reliability" and row["n"]
    ]
    assert recoverable_sets(csv_shown, raters) == []

    _, token = create_token(cast.it_manager, name="attack")
    api = Client().get(
        f"/api/v1/surveys/campaigns/{campaign.pk}/results",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert api.status_code == 200
    api_shown = [set(raters)] + [
        members[(dimension, group["group"])]
        for dimension, groups in api.json()["results"]["breakdowns"].items()
        for group in groups
        if group["components"]["reliability"]["state"] == "shown"
    ]
    assert recoverable_sets(api_shown, raters) == []


# --- A5: the cross-campaign rule reaches the trust map -----------------------------------------
def test_the_map_hides_every_group_the_results_page_hides(cast, django_capture_on_commit_callbacks):
    """Spring: 6 Finance, 6 Marketing. Autumn: one Finance person more, one Marketing person
    fewer. The results page hides autumn's Finance 7 (7 − 6 gives the newcomer); the map
    showed it."""
    marketing = Unit.objects.create(organization=cast.ours, name="Marketing")
    finance = add_people(cast.finance, "Fin", 7)
    market = add_people(marketing, "Mkt", 6)
    client = client_for(cast.it_manager)
    for _title, people in (("spring", finance[:6] + market), ("autumn", finance + market[:5])):
        campaign, tokens = campaign_about(
            cast.it, cast.it_manager, django_capture_on_commit_callbacks, people=people
        )
        answer_all(tokens, {a: 1 if a == "fin6@testco.example" else 6 for a in tokens})
        actions.close_campaign(cast.it_manager, campaign)
    autumn = results_json(client, campaign)["results"]
    results_shown = {
        (g["group"], g["components"]["reliability"]["n"])
        for g in autumn["breakdowns"]["unit"]
        if g["components"]["reliability"]["state"] == "shown"
    }
    tmap = client.get(f"/map/?unit={cast.it.pk}&format=json").json()
    column = next(i for i, c in enumerate(tmap["columns"]) if c["unit_id"] == cast.it.pk)
    for row in tmap["rows"]:
        cell = row["cells"][column]
        rel = (cell.get("components") or {}).get("reliability") or {}
        if rel.get("state") == "shown" and cell.get("state") != "self view":
            assert (row["name"], rel["n"]) in results_shown, row["name"]


# --- A3/A4: below k, nothing but "fewer than k" ------------------------------------------------
def test_below_k_pages_show_no_count_and_no_response_ids(cast, it_campaign):
    """Six Finance raters, two answered "don't know" on transparency: 4 < k. The unit page
    showed n = 4 and the explanation listed the four response ids that did answer."""
    run = it_campaign
    for i in range(6):
        answers = answers_for("unit", 6)
        if i < 2:
            answers = {code: None if code.startswith("tr") else v for code, v in answers.items()}
        actions.submit_response(run.tokens[f"fin{i}@testco.example"], answers)
    actions.close_campaign(cast.it_manager, run.campaign)
    client = client_for(cast.it_manager)
    page = client.get(f"/units/{cast.it.pk}/?format=json")
    text = page.content.decode()
    assert "response:" not in text
    ot = page.json()["report"]["organizational_trust"]
    transparency = ot["trust"]["components"]["transparency"]
    assert transparency["n"] is None and transparency["mean"] is None
    assert ot["trust"]["explanation"]["inputs"].get("transparency_n") is None
    assert ot["trust"]["explanation"]["n"] is None
    explained = client.get(f"/explain/unit/{cast.it.pk}/organizational_trust/")
    html = explained.content.decode()
    assert explained.status_code == 200
    assert "response:" not in html and "4 anonymous" not in html
    assert "fewer than 5" in html


# --- A8: sock puppets ----------------------------------------------------------------------------
def test_addresses_the_owner_controls_do_not_count(cast, django_capture_on_commit_callbacks):
    """The IT manager asks about Ben (IT member): four addresses he holds and one Finance
    colleague. He answers the four himself, so the mean over five gave the colleague's answers."""
    colleague = with_email(cast.finance_member.person, "cleo@testco.example")
    with_email(cast.it_member.person, "ben@testco.example")
    puppets = [f"ada.private{i}@gmail.example" for i in range(4)]
    campaign = actions.create_campaign(
        cast.it_manager, title="Ben 360", subject_person=cast.it_member.person
    )
    actions.add_raters(cast.it_manager, campaign, people=[colleague], emails=puppets)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.open_campaign(cast.it_manager, campaign, base_url="http://testserver")
    tokens = tokens_in(mail.outbox)
    answer_all(tokens, {address: 5 for address in puppets} | {"cleo@testco.example": 9}, "person")
    actions.close_campaign(cast.it_manager, campaign)
    data = results_json(client_for(cast.it_manager), campaign)["results"]
    for component in data["components"]:
        assert component["others"]["state"] != "shown", component
        assert component["others"]["mean"] is None if "mean" in component["others"] else True


def test_the_owner_cannot_rate_their_own_campaign(cast):
    with_email(cast.it_manager.person, "ada@testco.example")
    campaign = actions.create_campaign(
        cast.it_manager, title="Ben 360", subject_person=cast.it_member.person
    )
    added = actions.add_raters(cast.it_manager, campaign, people=[cast.it_manager.person])
    assert added.invited == []
    assert campaign.invitations.count() == 0


# --- A9: survey tokens in logs, stored answers on a second visit ------------------------------
def test_opening_the_link_swaps_the_token_for_a_cookie_and_a_url_without_it(it_campaign):
    token = it_campaign.tokens["fin0@testco.example"]
    client = Client()
    opened = client.get(reverse("surveys:respond", args=[token]))
    assert opened.status_code in (302, 303)
    assert token not in opened["Location"]
    assert opened["Referrer-Policy"] == "no-referrer"
    cookie = next(c for c in opened.cookies.values() if c.key.startswith("survey_"))
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert cookie["path"] == opened["Location"]  # sent back to the form page only
    form = client.get(opened["Location"])
    assert form.status_code == 200 and "Save my answers" in form.content.decode()
    assert token not in form.content.decode()
    data = {code: str(v) for code, v in answers_for("unit", 4).items()}
    saved = client.post(opened["Location"], data)
    assert saved.status_code in (302, 303) and token not in saved["Location"]
    assert Client().get(opened["Location"]).status_code == 404  # no cookie, no form


def test_a_second_visit_with_the_link_shows_no_stored_answers(it_campaign):
    """Whoever finds a link (a log, a forwarded mail) must not read the rater's answers."""
    token = it_campaign.tokens["fin0@testco.example"]
    actions.submit_response(token, answers_for("unit", 9) | {"rel_1": 3}, comment="secret")
    client = Client()
    page = client.get(reverse("surveys:respond", args=[token]), follow=True)
    html = page.content.decode()
    assert page.status_code == 200 and "You have answered already" in html
    assert " checked" not in html.replace('value="" checked', "")
    assert "secret" not in html


def test_django_logs_never_hold_a_survey_token(it_campaign, caplog):
    token = it_campaign.tokens["fin0@testco.example"]
    with caplog.at_level("INFO"):
        bad = Client().post(reverse("surveys:respond", args=[token]), {"cred_1": "11"})
    assert bad.status_code == 400
    assert caplog.records, "a 400 is logged by django.request"
    assert all(token not in record.getMessage() for record in caplog.records)


# --- what was left: comments across campaigns -------------------------------------------------
def test_a_newcomers_comment_is_not_singled_out_by_the_next_campaign(
    cast, django_capture_on_commit_callbacks
):
    """Spring: ten Finance raters comment. Autumn: the same ten and one newcomer. Autumn's
    list holds one comment more than spring's: the newcomer's, word for word."""
    finance = add_people(cast.finance, "Fin", 11)
    client = client_for(cast.it_manager)
    lists = []
    for people in (finance[:10], finance):
        campaign, tokens = campaign_about(
            cast.it, cast.it_manager, django_capture_on_commit_callbacks, people=people
        )
        for address, token in tokens.items():
            actions.submit_response(token, answers_for("unit", 6), comment=f"note of {address}")
        actions.close_campaign(cast.it_manager, campaign)
        lists.append(results_json(client, campaign)["results"]["comments"])
    spring, autumn = lists
    assert spring is not None and len(spring) == 10
    assert autumn is None or not 0 < len(set(autumn) - set(spring)) < K


def test_a_contact_recorded_with_a_private_address_does_not_count(cast):
    """A manager may record a customer contact himself: with an address outside the
    customer's verified domain, that contact is an identity he may control."""
    customer = Organization.objects.create(
        name="Customer AG", kind="customer", email_domains="customer.example"
    )
    puppet = with_email(
        Person.objects.create(display_name="Contact", organization=customer), "x@gmail.example"
    )
    real = with_email(
        Person.objects.create(display_name="Buyer", organization=customer), "b@customer.example"
    )
    campaign = actions.create_campaign(cast.it_manager, title="IT pulse", subject_unit=cast.it)
    added = actions.add_raters(cast.it_manager, campaign, people=[puppet, real])
    assert added.not_counted == ["x@gmail.example"]
    assert set(campaign.invitations.values_list("email", "counted")) == {
        ("x@gmail.example", False),
        ("b@customer.example", True),
    }


# --- whether one invitee answered -------------------------------------------------------------


def test_the_campaign_page_does_not_tell_whether_one_invitee_answered(
    cast, django_capture_on_commit_callbacks
):
    """The IT manager invites Cleo and four addresses he holds, opens, answers with the four,
    and watches "answered" on the campaign page (and the count of reminders he sends): 4 or 5
    told him whether Cleo had answered, and when. Answers of raters who do not count are not
    counted here either, and fewer than k counted answers show as "fewer than k"."""
    colleague = with_email(cast.finance_member.person, "cleo@testco.example")
    with_email(cast.it_member.person, "ben@testco.example")
    puppets = [f"ada.private{i}@gmail.example" for i in range(4)]
    campaign = actions.create_campaign(
        cast.it_manager, title="Ben 360", subject_person=cast.it_member.person
    )
    actions.add_raters(cast.it_manager, campaign, people=[colleague], emails=puppets)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.open_campaign(cast.it_manager, campaign, base_url="http://testserver")
    tokens = tokens_in(mail.outbox)
    answer_all(tokens, {address: 5 for address in puppets}, "person")
    client = client_for(cast.it_manager)
    url = reverse("surveys:detail", args=[campaign.pk])

    def seen() -> tuple[object, ...]:
        with django_capture_on_commit_callbacks(execute=True):
            reminded = client.post(reverse("surveys:remind", args=[campaign.pk]), follow=True)
        page = re.search(r"\d+ raters invited, [^.]*\.", client.get(url).content.decode())
        twin = client.get(url + "?format=json").json()
        notes = [str(m) for m in reminded.context["messages"]]
        return twin["responded"], twin["responded_label"], page and page.group(0), notes

    before = seen()
    actions.submit_response(tokens_in(mail.outbox)["cleo@testco.example"], answers_for("person", 9))
    after = seen()
    assert before == after
    assert before[:2] == (None, f"fewer than {K}") and f"fewer than {K}" in before[2]


def test_the_answer_form_posts_in_a_browser_that_sends_its_origin(it_campaign):
    """With "no-referrer" on the form page a browser posts `Origin: null`, which Django's CSRF
    check refuses (403): no rater could save. The form page holds no token in its URL, so it
    lets the browser name its own origin; the token URL itself still sends no referrer."""
    token = it_campaign.tokens["fin0@testco.example"]
    client = Client(enforce_csrf_checks=True)
    opened = client.get(reverse("surveys:respond", args=[token]))
    assert opened["Referrer-Policy"] == "no-referrer"
    form = client.get(opened["Location"])
    assert form["Referrer-Policy"] == "same-origin"
    data = {code: str(v) for code, v in answers_for("unit", 4).items()}
    data["csrfmiddlewaretoken"] = client.cookies["csrftoken"].value
    saved = client.post(opened["Location"], data, HTTP_ORIGIN="http://testserver")
    assert saved.status_code in (302, 303)
