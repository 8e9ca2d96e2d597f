"""The read pages render the demo for the right persona, with JSON twins and few queries."""

from __future__ import annotations

import pytest

from trustledger.demo import cast as story
from trustledger.directory.models import Person, Unit
from trustledger.engine.reports import unit_report
from trustledger.ledger.models import Interaction, Relationship
from trustledger.web.pages.relationship import TIMELINE_INTERACTIONS, _crossing

pytestmark = pytest.mark.django_db
AS_OF = f"?as_of={story.DEMO_END.date().isoformat()}"


def _it() -> Unit:
    return Unit.objects.get(name="IT")


def test_the_trust_map_headlines_it_transparency_blind_spot(demo_client):
    response = demo_client("admin").get("/map/" + AS_OF)
    assert response.status_code == 200
    chart = response.context["page"]["perception_gap"]
    assert chart["unit"] == "IT"  # the unit with the largest blind spot is the default
    assert "transparency" in chart["blind_spots"]
    assert b'data-chart="perception-gap"' in response.content


def test_perception_gap_values_on_the_map_match_the_engine(demo_client):
    data = demo_client("admin").get("/map/" + AS_OF + "&format=json").json()
    engine = unit_report(_it(), story.DEMO_END.replace(hour=23, minute=59, second=59))
    expected = {g.component.value: g for g in engine.perception_gap.components}
    for row in data["perception_gap"]["components"]:
        gap = expected[row["component"]]
        assert row["self"] == pytest.approx(gap.self_rating)
        assert row["others"] == pytest.approx(gap.others_mean)
        assert row["gap"] == pytest.approx(gap.gap)


def test_the_map_grid_shows_each_rater_unit_or_too_few_raters(demo_client):
    data = demo_client("admin").get("/map/" + AS_OF + "&format=json").json()
    column = [c["unit"] for c in data["columns"]].index("IT")
    rows = {row["name"]: row["cells"][column] for row in data["rows"]}
    assert rows["Finance"]["state"] == "shown" and rows["Finance"]["n"] == 6
    assert rows["Marketing"]["state"] == "shown"
    assert rows["IT"]["state"] == "self view"
    # Nobody from Executive rated anyone and nobody rated Executive: no row, no column,
    # only a mention among the units without survey results.
    assert "Executive" not in rows
    assert "Executive" in data["units_without_surveys"]["names"]


def test_a_cell_under_the_threshold_never_shows_a_number(demo_client, settings):
    settings.TRUSTLEDGER_SURVEY_MIN_RATERS = 7  # six raters per unit: every cell too few
    data = demo_client("admin").get("/map/" + AS_OF + "&format=json").json()
    column = [c["unit"] for c in data["columns"]].index("IT")
    for row in data["rows"]:
        cell = row["cells"][column]
        if cell["state"] not in ("self view", "no ratings"):
            assert cell["state"] == "too few raters"
            assert cell["value"] is None and cell["n"] is None
            assert all(c["mean"] is None for c in cell["components"].values())
    html = demo_client("admin").get("/map/" + AS_OF).content.decode()
    assert "too few raters" in html


def test_complementary_suppression_hides_a_second_cell():
    from trustledger.surveys.anonymity import suppress_groups

    # Finance 6, Marketing 2: Marketing is hidden, and Finance too, or the total would tell.
    assert suppress_groups({"finance": 6, "marketing": 2}, 5) == {"finance", "marketing"}


def test_the_unit_page_shows_components_transparency_and_relationships(demo_client):
    response = demo_client("tobias").get(f"/units/{_it().pk}/" + AS_OF)
    assert response.status_code == 200
    page = response.context["page"]
    assert page["report"]["organizational_trust"]["trust"]["n_raters"] == 12
    assert page["commitments_kept"]["due"] > 0
    assert page["relationships"]
    assert len(page["trend"]) == 4
    assert b"/explain/unit/" in response.content


def test_the_person_page_shows_context_and_attention_over_time(demo_client):
    tobias = Person.objects.get(display_name="Tobias Reinholt")
    response = demo_client("tobias").get(f"/people/{tobias.pk}/" + AS_OF)
    assert response.status_code == 200
    page = response.context["page"]
    assert page["report"]["context"]["share"] == 1.0
    given, received = page["attention_chart"]["series"]
    assert len(given["y"]) == 12 and max(given["y"]) > 0 and max(received["y"]) > 0
    assert page["relationships"]


def test_the_relationship_page_shows_health_reserve_timeline_and_last_contact(demo_client):
    rel = Relationship.objects.get(purpose__startswith="Keep Finance")
    response = demo_client("tobias").get(f"/relationships/{rel.pk}/" + AS_OF)
    assert response.status_code == 200
    page = response.context["page"]
    assert page["last_contact"] is not None
    assert b'data-testid="last-contact"' in response.content
    kinds = {item["kind"] for item in page["timeline"]["items"]}
    assert {"interaction", "commitment", "feedback"} <= kinds
    assert page["reserve_chart"]["series"][0]["y"]
    assert page["report"]["health"]["explain_url"].startswith(f"/explain/relationship/{rel.pk}/")


def test_home_lists_attention_commitments_and_next_actions(demo_client):
    response = demo_client("tobias").get("/" + AS_OF)
    assert response.status_code == 200
    page = response.context["page"]
    assert page["relationship_count"] > 0
    assert page["next_actions"] and all("gap" in a for a in page["next_actions"])


def test_home_without_relationships_says_how_to_start(cast, client):
    client.force_login(cast.outsider)
    html = client.get("/").content.decode()
    assert "trustledger import" in html and "/entry/" in html


def test_search_finds_people_units_organizations_and_relationships(demo_client):
    data = demo_client("admin").get("/search/?q=Finance&format=json").json()
    assert data["units"] and data["relationships"]
    data = demo_client("admin").get("/search/?q=Halvard&format=json").json()
    assert data["organizations"]


def test_every_explained_number_leads_to_its_explanation(demo_client):
    client = demo_client("admin")
    rel = Relationship.objects.get(purpose__startswith="Keep Finance")
    page = client.get(f"/relationships/{rel.pk}/?format=json").json()
    for url in (
        page["report"]["health"]["explain_url"],
        page["report"]["reserve"]["explain_url"],
        page["report"]["actions"][0]["explain_url"],
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        explanation = response.context["page"]["explanation"]
        assert {"formula", "inputs", "n", "interval", "evidence", "record_ids"} <= set(explanation)


def test_an_explanation_never_lists_survey_responses(demo_client):
    client = demo_client("admin")
    data = client.get(f"/explain/unit/{_it().pk}/organizational_trust/?format=json").json()
    assert data["explanation"]["evidence"] == "sufficient"
    html = client.get(f"/explain/unit/{_it().pk}/organizational_trust/").content.decode()
    assert "Anonymous answers to" in html
    assert "response" not in html.split("Records behind")[1]
    assert "response:" not in str(data)


@pytest.mark.parametrize(
    "path",
    ["/", "/map/", "/units/{unit}/", "/people/{person}/", "/relationships/{rel}/", "/search/?q=IT"],
)
def test_every_page_has_a_json_twin(demo_client, path):
    client = demo_client("admin")
    url = path.format(
        unit=_it().pk,
        person=Person.objects.get(display_name="Tobias Reinholt").pk,
        rel=Relationship.objects.order_by("pk").first().pk,
    )
    html = client.get(url)
    twin = client.get(url, HTTP_ACCEPT="application/json")
    assert twin["Content-Type"] == "application/json"
    assert twin.json()["title"] == html.context["page"]["title"]
    assert set(twin.json()) == set(html.context["page"])


def test_a_bad_as_of_is_refused(demo_client):
    assert demo_client("admin").get("/map/?as_of=yesterday").status_code == 400


@pytest.mark.parametrize(
    ("path", "limit"),
    [("/map/", 12), ("/units/{unit}/", 30), ("/", 20), ("/search/?q=IT", 12)],
)
def test_list_pages_do_not_query_per_row(demo_client, django_assert_max_num_queries, path, limit):
    client = demo_client("admin")
    url = path.format(unit=_it().pk)
    client.get(url)  # engine reports are cached per object, date and data version
    with django_assert_max_num_queries(limit):
        assert client.get(url).status_code == 200


def test_home_fills_the_report_cache_for_the_relationship_pages(demo_client, monkeypatch):
    from django.core.cache import cache

    from trustledger.engine import reports as engine
    from trustledger.ledger.models import Relationship

    client = demo_client("admin")
    cache.clear()
    assert client.get("/").status_code == 200

    def not_again(*args, **kwargs):
        raise AssertionError("the report should come from the cache")

    monkeypatch.setattr(engine, "relationship_report", not_again)
    for rel in Relationship.objects.filter(status="active"):
        assert client.get(f"/relationships/{rel.pk}/").status_code == 200


def test_the_timeline_pages_back_through_every_interaction_between_the_sides(demo_client):
    rel = Relationship.objects.get(purpose__startswith="Keep Finance")
    client = demo_client("tobias")
    expected = set(
        Interaction.objects.filter(_crossing(rel), occurred_at__lte=story.DEMO_END).values_list(
            "pk", flat=True
        )
    )
    assert len(expected) > 2 * TIMELINE_INTERACTIONS  # more than two pages in the demo
    seen: list[int] = []
    others: list[str] = []
    url = f"/relationships/{rel.pk}/" + AS_OF + "&format=json"
    pages = 0
    while url:
        page = client.get(url).json()
        pages += 1
        timeline = page["timeline"]
        shown = [
            int(i["id"].split(":")[1]) for i in timeline["items"] if i["kind"] == "interaction"
        ]
        assert len(shown) <= TIMELINE_INTERACTIONS
        assert [i["at"] for i in timeline["items"]] == sorted(
            (i["at"] for i in timeline["items"]), reverse=True
        )
        seen += shown
        others += [i["id"] for i in timeline["items"] if i["kind"] != "interaction"]
        older = timeline["older"]
        url = f"/relationships/{rel.pk}/{AS_OF}&older={older}&format=json" if older else None
    assert pages >= 3
    assert len(seen) == len(set(seen)) and set(seen) == expected  # each once, none missed
    assert len(others) == len(set(others))  # commitments, feedback… on the first page only
    assert {o.split(":")[0] for o in others} >= {"commitment", "feedback"}
    first = client.get(f"/relationships/{rel.pk}/{AS_OF}&format=json").json()["timeline"]
    assert {i["id"] for i in first["items"] if i["kind"] != "interaction"} == set(others)


def test_an_imported_interaction_between_the_sides_shows_on_the_timeline(demo_client, tmp_path):
    from trustledger.directory.models import PersonIdentity
    from trustledger.ingest.loader import import_files

    rel = Relationship.objects.get(purpose__startswith="Keep Finance")
    tobias = PersonIdentity.objects.get(person__display_name="Tobias Reinholt", kind="email")
    finance = Person.objects.filter(unit__name="Finance").first()
    other = PersonIdentity.objects.get(person=finance, kind="email")
    path = tmp_path / "calls.csv"
    path.write_text(
        "external_id,occurred_at,channel,initiator_email,participant_emails,subject\n"
        f"imp-1,2026-11-19T09:00:00Z,call,{tobias.normalized},{other.normalized},Imported call\n",
        encoding="utf-8",
    )
    import_files([path], content="subject")
    page = demo_client("tobias").get(f"/relationships/{rel.pk}/" + AS_OF).context["page"]
    assert "Imported call" in page["timeline"]["items"][0]["text"]


def test_a_timeline_cursor_must_be_an_interaction_of_the_relationship(demo_client):
    rel = Relationship.objects.get(purpose__startswith="Keep Finance")
    elsewhere = Relationship.objects.exclude(pk=rel.pk).filter(interactions__isnull=False).first()
    stranger = elsewhere.interactions.exclude(
        pk__in=Interaction.objects.filter(_crossing(rel)).values("pk")
    ).first()
    client = demo_client("tobias")
    for bad in ("abc", "-1", "999999999", str(stranger.pk)):
        response = client.get(f"/relationships/{rel.pk}/?older={bad}")
        assert response.status_code == 400, bad
        assert b"The query parameter <code>older</code> must be" in response.content
    # The last one is an interaction, but of another relationship.
    assert b"must be the id of an interaction of this relationship" in response.content
