"""The seed's headline on the pages, per persona: the team gap on the unit page, quality of
attention, decisions and who was surprised, and trust of our side from the counterpart."""

from __future__ import annotations

import datetime as dt

import pytest

from trustledger.directory.models import Person, Unit
from trustledger.ledger.models import Relationship

pytestmark = pytest.mark.django_db
AS_OF = "?as_of=2026-11-20"


def unit_json(client, name):  # type: ignore[no-untyped-def]
    return client.get(f"/units/{Unit.objects.get(name=name).pk}/{AS_OF}&format=json")


@pytest.mark.parametrize("who", ["admin", "tobias"])
def test_the_it_unit_page_shows_the_team_gap_and_its_next_action(demo_client, who):
    client = demo_client(who)
    data = unit_json(client, "IT").json()
    tobias = next(m for m in data["members"] if m["name"] == "Tobias Reinholt")
    assert round(tobias["trust"], 2) == 8.15 and tobias["above_team"]
    assert tobias["url"].startswith(f"/people/{tobias['id']}/")
    assert len(data["members"]) == 7
    gap = data["report"]["team_gap"]
    assert round(gap["team_trust"], 2) == 4.78
    assert gap["above_names"] == ["Tobias Reinholt"]
    assert [a["kind"] for a in data["report"]["actions"]] == ["share_members_trust"]
    html = client.get(f"/units/{Unit.objects.get(name='IT').pk}/{AS_OF}").content.decode()
    assert "Team gap:" in html and "people trust Tobias Reinholt more than" in html
    assert ">8.15<" in html and ">4.78<" in html
    assert "Next actions for the team" in html


@pytest.mark.parametrize("who", ["priya", "margit", "ines", "oskar"])
def test_the_it_unit_page_is_not_theirs(demo_client, who):
    assert unit_json(demo_client(who), "IT").status_code == 404


def test_a_member_sees_the_names_of_their_team_but_only_their_own_figure(demo_client):
    client = demo_client("priya")
    data = unit_json(client, "IT Platform (onshore)").json()
    priya = Person.objects.get(display_name="Priya Raghunathan")
    rows = {m["name"]: m for m in data["members"]}
    assert rows["Priya Raghunathan"]["url"].startswith(f"/people/{priya.pk}/")
    others = [m for name, m in rows.items() if name != "Priya Raghunathan"]
    assert others and all(m["url"] is None and m["state"] == "not_yours" for m in others)
    assert all(m["trust"] is None for m in others)
    html = client.get(f"/units/{priya.unit_id}/{AS_OF}").content.decode()
    for m in others:
        assert f'href="/people/{m["id"]}/' not in html


def test_a_figure_of_a_member_the_reader_may_not_open_never_reaches_the_gap(demo_client):
    # Tobias's own 8.15 is on his person page; a reader who may open the unit but not him
    # must not learn it from the gap: simulate one by taking him out of reach.
    from trustledger.accounts.access import Scope
    from trustledger.web.pages import unit_team

    it = Unit.objects.get(name="IT")
    cio = Person.objects.get(display_name="Tobias Reinholt")
    scope = Scope(False, None, frozenset(), frozenset(), frozenset({it.pk}), True)
    rows, gap, actions = unit_team.team(
        it, scope, dt.datetime(2026, 11, 20, 23, tzinfo=dt.UTC), "2026-11-20", 4.78
    )
    row = next(r for r in rows if r["id"] == cio.pk)
    assert row["trust"] is None and row["state"] == "not_yours" and row["url"] is None
    assert gap["members"] == [] and gap["above"] == [] and actions == []


@pytest.mark.parametrize("who", ["admin", "tobias"])
def test_the_transparency_card_lists_decisions_and_who_was_surprised(demo_client, who):
    client = demo_client(who)
    data = unit_json(client, "IT").json()["decisions"]
    titles = {d["title"]: d for d in data["decisions"]}
    erp = titles["Change the ERP licence model"]
    assert [s["name"] for s in erp["surprised"]] == ["Finance"] and erp["told_before"] == []
    freeze = titles["Freeze changes in month-end week"]
    assert [s["name"] for s in freeze["told_before"]] == ["Finance"]
    finance = next(s for s in data["by_stakeholder"] if s["name"] == "Finance")
    assert (finance["told_before"], finance["surprised"]) == (2, 2)
    html = client.get(f"/units/{Unit.objects.get(name='IT').pk}/{AS_OF}").content.decode()
    assert "surprised after" in html and "Change the ERP licence model" in html


def test_a_stakeholder_unit_is_linked_only_where_the_reader_may_open_it(demo_client):
    data = unit_json(demo_client("tobias"), "IT").json()["decisions"]
    finance = next(s for s in data["by_stakeholder"] if s["name"] == "Finance")
    assert finance["url"] is None  # tobias manages IT, not Finance
    admin = unit_json(demo_client("admin"), "IT").json()["decisions"]
    assert next(s for s in admin["by_stakeholder"] if s["name"] == "Finance")["url"]


def rel_page(client, counterpart, fmt="&format=json"):  # type: ignore[no-untyped-def]
    rel = Relationship.objects.get(our_unit__name="IT", counterpart_unit__name=counterpart)
    return client.get(f"/relationships/{rel.pk}/{AS_OF}{fmt}")


@pytest.mark.parametrize("who", ["admin", "tobias"])
def test_trust_of_our_side_reads_the_counterparts_raters(demo_client, who):
    client = demo_client(who)
    report = rel_page(client, "Finance").json()["report"]
    assert round(report["trust"]["value"], 2) == 7.07 and report["trust"]["n_raters"] == 6
    assert report["trust_raters"]["name"] == "Finance"
    html = rel_page(client, "Finance", "").content.decode()
    assert "As Finance's raters see IT" in html and ">7.07<" in html
    assert ">4.78<" not in html


def test_below_the_threshold_the_relationship_page_says_so_without_a_count(demo_client):
    cio_cfo = Relationship.objects.get(
        our_person__display_name="Tobias Reinholt", counterpart_person__unit__name="Finance"
    )
    client = demo_client("tobias")
    data = client.get(f"/relationships/{cio_cfo.pk}/{AS_OF}&format=json").json()["report"]
    assert data["trust_raters"]["state"] == "too_few"
    if data["trust"]:
        assert data["trust"]["value"] is None
        assert all(c["n"] is None for c in data["trust"]["components"].values())
    html = client.get(f"/relationships/{cio_cfo.pk}/{AS_OF}").content.decode()
    assert "fewer of Finance's raters than the anonymity threshold" in html


@pytest.mark.parametrize("who", ["admin", "tobias"])
def test_the_relationship_timeline_shows_decisions_and_who_was_surprised(demo_client, who):
    items = rel_page(demo_client(who), "Finance").json()["timeline"]["items"]
    decisions = {i["text"] for i in items if i["kind"] == "decision"}
    assert "Decision: Change the ERP licence model — Finance surprised after" in decisions
    assert "Decision: Freeze changes in month-end week — Finance told before" in decisions
    assert not any("Retire the old campaign tool" in t for t in decisions)  # Marketing's


def test_the_relationship_page_shows_quality_of_attention_with_its_explanation(demo_client):
    client = demo_client("tobias")
    quality = rel_page(client, "Finance").json()["report"]["attention_quality"]
    assert quality["value"] is not None and 0.4 <= quality["value"] <= 40
    assert quality["explain_url"].startswith("/explain/relationship/")
    explained = client.get(
        quality["explain_url"] + "&format=json"
        if "?" in quality["explain_url"]
        else quality["explain_url"] + "?format=json"
    )
    assert explained.status_code == 200
    assert "focus" in explained.json()["explanation"]["formula"]
    html = rel_page(client, "Finance", "").content.decode()
    assert "Quality of attention" in html and quality["explain_url"].split("?")[0] in html


def test_the_person_page_shows_quality_of_attention(demo_client):
    cio = Person.objects.get(display_name="Tobias Reinholt")
    client = demo_client("tobias")
    data = client.get(f"/people/{cio.pk}/{AS_OF}&format=json").json()["report"]
    quality = data["attention_quality"]
    expected = (
        sum(
            data["trust"]["components"][c]["mean"]
            for c in ("credibility", "reliability", "character", "intimacy")
        )
        / quality["focus"]
    )
    assert quality["value"] == pytest.approx(expected)
    html = client.get(f"/people/{cio.pk}/{AS_OF}").content.decode()
    assert 'data-testid="attention-quality"' in html
    assert client.get(f"/explain/person/{cio.pk}/attention_quality/{AS_OF}").status_code == 200


def test_a_reader_outside_the_unit_cannot_reach_its_explanations(demo_client):
    it = Unit.objects.get(name="IT")
    for who in ("priya", "margit", "ines"):
        client = demo_client(who)
        assert client.get(f"/explain/unit/{it.pk}/team_gap/").status_code == 404
