"""Differencing attacks on the demo's surveys, through every door: pages, JSON, CSV, trend,
and the trust engine's service. Each test is one thing an attacker would try."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse

from trustledger.accounts.models import User
from trustledger.demo.load import load_demo
from trustledger.directory.models import Unit
from trustledger.surveys.instrument import items_for
from trustledger.surveys.models import Answer, Campaign, Response
from trustledger.surveys.results import perceived_components

pytestmark = pytest.mark.django_db
K = 5


@pytest.fixture
def demo():
    load_demo()
    client = Client()
    client.force_login(User.objects.get(username="admin"))
    it = Unit.objects.get(name="IT")
    return {
        "client": client,
        "it": it,
        "spring": Campaign.objects.get(title__contains="spring"),
        "autumn": Campaign.objects.get(title__contains="autumn"),
        "cio": Campaign.objects.get(subject_person__isnull=False),
    }


def json_of(client, campaign, query=""):  # type: ignore[no-untyped-def]
    url = reverse("surveys:results", args=[campaign.pk]) + "?format=json" + query
    return client.get(url).json()


def shown_ns(results):  # type: ignore[no-untyped-def]
    """Every (view, component, n) a reader can see in one results context."""
    data = results["results"]
    found = []
    for comp in data["components"]:
        for view in ("others", "self"):
            if comp[view]["state"] == "shown":
                found.append((view, comp["component"], comp[view]["n"]))
    for dimension, groups in data["breakdowns"].items():
        for group in groups:
            for component, cell in group["components"].items():
                if cell["state"] == "shown":
                    found.append((f"{dimension}:{group['group']}", component, cell["n"]))
    return found


def assert_no_small_difference(results, self_exempt=False):  # type: ignore[no-untyped-def]
    data = results["results"]
    for view, _component, n in shown_ns(results):
        if not (self_exempt and view == "self"):
            assert n >= K, (view, n)
    for comp in data["components"]:
        if comp["others"]["state"] != "shown":
            continue
        total = comp["others"]["n"]
        for groups in data["breakdowns"].values():
            visible = [
                g["components"][comp["component"]]["n"]
                for g in groups
                if g["components"][comp["component"]]["state"] == "shown"
            ]
            remainder = total - sum(visible)
            assert remainder == 0 or remainder >= K, (comp["component"], total, visible)


def test_no_view_of_any_demo_campaign_shows_fewer_than_k_or_a_small_remainder(demo):
    for key in ("spring", "autumn", "cio"):
        results = json_of(demo["client"], demo[key])
        assert results["state"] == "closed"
        assert_no_small_difference(results, self_exempt=key == "cio")


def test_the_cio_360_breakdowns_are_all_hidden(demo):
    results = json_of(demo["client"], demo["cio"])
    data = results["results"]
    assert data["components"][0]["others"]["n"] == 7
    # by unit: groups of 2, 2, 1, 1, 1; by organization: 6 of ours + 1 partner, and the 6
    # would give the partner's answers back by subtraction, so it is hidden too
    for groups in data["breakdowns"].values():
        assert groups
        for group in groups:
            assert all(cell["state"] != "shown" for cell in group["components"].values())
    by_org = {g["group"]: g for g in data["breakdowns"]["organization"]}
    assert set(by_org) == {"Corvid Cloud", "No organization"}
    assert data["comments"] is None


def test_the_it_campaigns_show_finance_and_marketing_but_no_counts_of_hidden_groups(demo):
    data = json_of(demo["client"], demo["spring"])["results"]
    by_unit = {g["group"]: g["components"]["transparency"] for g in data["breakdowns"]["unit"]}
    assert by_unit["Finance"]["n"] == 6 and by_unit["Marketing"]["n"] == 6
    # the blind spot the demo tells: IT rates its transparency far above its customers
    transparency = next(c for c in data["components"] if c["component"] == "transparency")
    assert transparency["gap"] > 5


def test_query_parameters_do_not_filter_the_figures(demo):
    client, campaign = demo["client"], demo["cio"]
    base = json_of(client, campaign)
    finance = Unit.objects.get(name="Finance")
    for query in (
        f"&rater_unit={finance.pk}",
        "&by=unit",
        "&by=person",
        "&as_of=2026-10-01",
        "&min_raters=1",
        "&k=1",
        "&organization=1",
    ):
        assert json_of(client, campaign, query) == base


def test_the_csv_export_holds_no_more_than_the_page(demo):
    client = demo["client"]
    for key in ("spring", "autumn", "cio"):
        campaign = demo[key]
        export = client.get(reverse("surveys:export", args=[campaign.pk])).content.decode()
        rows = list(csv.DictReader(io.StringIO(export)))
        page = json_of(client, campaign)
        shown = {(v, c, n) for v, c, n in shown_ns(page)}
        for row in rows:
            if row["n"]:
                view = row["view"] if row["group"] == "all" else f"{row['view'][3:]}:{row['group']}"
                assert (view, row["component"], int(row["n"])) in shown
            else:
                assert row["mean"] == "" and row["ci_low"] == ""


def add_campaign(it, title, closed_day, raters):  # type: ignore[no-untyped-def]
    """Write a closed campaign the way the demo loader does: (unit, level) per rater."""
    closed = dt.datetime(2026, 11, closed_day, tzinfo=dt.UTC)
    campaign = Campaign.objects.create(
        title=title, subject_unit=it, status="closed", opened_at=closed, closed_at=closed
    )
    for unit, level in raters:
        response = Response.objects.create(
            campaign=campaign,
            rater_unit=unit,
            rater_organization=unit.organization,
            submitted_at=closed,
        )
        Answer.objects.bulk_create(
            Answer(response=response, item=i.code, component=i.component, value=level)
            for i in items_for("unit")
        )
    return campaign


def test_a_follow_up_campaign_with_one_rater_added_reveals_nothing(demo):
    """The classic attack: re-run the survey with the same 12 raters and one new one; the
    difference of the two means is the new rater's answer. The later figures are suppressed
    on the page, in JSON, in CSV, in the trend and in the trust engine's view."""
    it, client = demo["it"], demo["client"]
    finance, marketing = Unit.objects.get(name="Finance"), Unit.objects.get(name="Marketing")
    executive = Unit.objects.get(name="Executive")
    raters = [(finance, 6)] * 6 + [(marketing, 5)] * 6 + [(executive, 1)]
    extra = add_campaign(it, "IT team — one more rater", 25, raters)
    before = json_of(client, demo["autumn"])["results"]
    results = json_of(client, extra)
    for comp in results["results"]["components"]:
        assert comp["others"]["state"] == "differencing" and "mean" not in comp["others"]
    for groups in results["results"]["breakdowns"].values():
        for group in groups:
            assert all(cell["state"] != "shown" for cell in group["components"].values())
    trend = {p["campaign"]["title"]: p for p in results["trend"]}
    assert trend["IT team — one more rater"]["components"]["credibility"]["state"] == "differencing"
    assert trend["IT team — autumn pulse"]["components"]["credibility"]["state"] == "shown"
    export = client.get(reverse("surveys:export", args=[extra.pk])).content.decode()
    assert all(row["mean"] == "" for row in csv.DictReader(io.StringIO(export)))
    engine = perceived_components(unit_id=it.pk)
    assert engine["campaign"]["title"] == "IT team — one more rater"
    assert all(c["mean"] is None for c in engine["components"].values())
    # what was published before stays as it was
    assert json_of(client, demo["autumn"])["results"] == before


def test_a_follow_up_where_one_finance_rater_is_added_hides_finance_and_its_complement(demo):
    it, client = demo["it"], demo["client"]
    finance, marketing = Unit.objects.get(name="Finance"), Unit.objects.get(name="Marketing")
    # 7 Finance (one more than before) and 12 Marketing: 19 in all, k apart from 12
    extra = add_campaign(it, "IT team — winter", 25, [(finance, 6)] * 7 + [(marketing, 5)] * 12)
    data = json_of(client, extra)["results"]
    assert data["components"][0]["others"]["n"] == 19
    by_unit = {g["group"]: g["components"]["credibility"] for g in data["breakdowns"]["unit"]}
    assert by_unit["Finance"]["state"] == "differencing"
    assert by_unit["Marketing"]["state"] != "shown"  # 19 - 12 would give Finance back
    assert_no_small_difference(json_of(client, extra))


def test_the_trust_engine_sees_whole_closed_campaigns_only(demo):
    it = demo["it"]
    spring, autumn = demo["spring"], demo["autumn"]
    early = perceived_components(unit_id=it.pk, as_of=spring.closed_at - dt.timedelta(days=1))
    assert early["campaign"] is None
    assert all(c["state"] == "none" for c in early["components"].values())
    # any instant inside the autumn campaign gives the spring figures, never a partial autumn
    during = perceived_components(unit_id=it.pk, as_of=autumn.closed_at - dt.timedelta(hours=1))
    assert during["campaign"]["id"] == spring.pk
    latest = perceived_components(unit_id=it.pk)
    assert latest["campaign"]["id"] == autumn.pk
    transparency = latest["components"]["transparency"]
    assert transparency["n"] == 12 and transparency["state"] == "shown"
    low, high = transparency["interval"]
    assert low < transparency["mean"] < high
    assert transparency["self_mean"] > transparency["mean"]


def test_the_cio_engine_view_has_others_and_the_self_assessment(demo):
    cio = demo["cio"].subject_person
    view = perceived_components(person_id=cio.pk)
    assert set(view["components"]) == {
        "credibility",
        "reliability",
        "intimacy",
        "character",
        "self_orientation",
    }
    assert all(c["n"] == 7 and c["self_mean"] is not None for c in view["components"].values())


def test_the_admin_site_offers_no_way_to_raw_responses(demo):
    client = demo["client"]
    assert client.get("/admin/surveys/response/").status_code == 404
    assert client.get("/admin/surveys/answer/").status_code == 404
    page = client.get(f"/admin/surveys/campaign/{demo['cio'].pk}/change/").content.decode()
    assert "cred_1" not in page
