"""Pickers at scale: a form draws only the chosen records and a few suggestions (never every
person one may name), `/pick/people/` and `/pick/units/` search the rest, a posted id is
still checked against the field's own set (a forged one is refused on the field), and the
no-JavaScript text field takes a name or an id. `Person.search_name` is kept on every path
that writes people."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from trustledger.accounts.access import scope_for
from trustledger.accounts.models import User
from trustledger.directory import actions as d
from trustledger.directory.models import Organization, Person, Unit
from trustledger.domain.folding import person_search_text
from trustledger.ledger import models as m

pytestmark = pytest.mark.django_db


def person(name: str) -> Person:
    return Person.objects.get(display_name=name)


def it_finance() -> m.Relationship:
    return m.Relationship.objects.get(our_unit__name="IT", counterpart_unit__name="Finance")


def options(page: str, name: str) -> list[str]:
    """The option values drawn in the select named `name`."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S)
    assert select, name
    return re.findall(r'<option value="([^"]*)"', select.group(1))


@pytest.fixture
def crowd(demo):  # type: ignore[no-untyped-def]
    """Eighty more people in IT: a form that listed everyone would draw them all."""
    it = Unit.objects.get(name="IT")
    for i in range(80):
        Person.objects.create(
            display_name=f"Crowd Member {i:02d}", unit=it, organization=it.organization
        )


def test_forms_draw_the_chosen_and_a_few_suggestions_not_everyone(demo_client, crowd):
    tobias = demo_client("tobias")
    page = tobias.get("/entry/interaction/").content.decode()
    drawn = options(page, "initiator")
    assert len(drawn) <= 3  # the empty choice and tobias himself
    assert str(person("Tobias Reinholt").pk) in drawn
    assert 'data-picker="/pick/people/"' in page
    rel = it_finance()
    page = tobias.get(f"/entry/interaction/?relationship={rel.pk}").content.decode()
    assert 2 <= len(options(page, "person")) <= 14  # the relationship's people, at most 12 more
    for url, field in [("/relationships/new/", "counterpart_person"), ("/people/new/", "unit")]:
        page = demo_client("admin").get(url).content.decode()
        assert len(options(page, field)) <= 2, url
        assert "<noscript>" in page and f'name="{field}-typed"' in page


def test_the_json_twin_names_the_picker_and_only_the_drawn_choices(demo_client, crowd):
    data = demo_client("tobias").get("/entry/commitment/?format=json").json()
    promisee = next(f for f in data["form"]["fields"] if f["name"] == "promisee")
    assert promisee["picker"] == "/pick/people/"
    assert len(promisee["choices"]) <= 2


def test_a_forged_id_out_of_scope_is_refused_on_the_field(demo_client, demo):
    oskar = person("Oskar Wendt")
    before = m.Interaction.objects.count()
    response = demo_client("priya").post(
        "/entry/interaction/",
        {"person": [oskar.pk], "channel": "call", "occurred_on": timezone.localdate()},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert f"“{oskar.pk}” is not one you may name here" in errors["person"][0]
    assert m.Interaction.objects.count() == before
    # The relationship form checks its counterpart against the people one reads.
    stranger = Person.objects.create(display_name="Nobody Known")
    response = demo_client("priya").post(
        "/relationships/new/",
        {
            "our_person": User.objects.get(username="priya").person_id,
            "counterpart_person": stranger.pk,
            "started_on": "2026-01-05",
        },
    )
    assert response.status_code == 200
    assert "counterpart_person" in response.context["form"].errors
    assert not m.Relationship.objects.filter(counterpart_person=stranger).exists()


def test_without_javascript_a_typed_name_or_id_is_taken_within_reach(demo_client, demo):
    oskar, margit = person("Oskar Wendt"), person("Margit Esterházy")
    rel = it_finance()
    response = demo_client("tobias").post(
        "/entry/interaction/",
        {
            "relationship": rel.pk,
            "person-typed": f"oskar  WENDT, {margit.pk}",
            "channel": "call",
            "occurred_on": timezone.localdate(),
        },
    )
    assert response.status_code == 302
    made = m.Interaction.objects.latest("pk")
    assert set(made.participants.values_list("person_id", flat=True)) == {oskar.pk, margit.pk}
    # Priya may not name Oskar: his typed name is refused, named.
    response = demo_client("priya").post(
        "/entry/commitment/",
        {"what": "x", "promisee-typed": "Oskar Wendt", "due_on": timezone.localdate(),
         "strength": "commitment"},
    )  # fmt: skip
    assert response.status_code == 200
    assert (
        "“Oskar Wendt” is not one you may name here"
        in response.context["form"].errors["promisee"][0]
    )


def test_pick_people_answers_each_fields_own_set(demo_client, demo):
    tobias = demo_client("tobias")
    ours = tobias.get("/pick/people/", {"q": "", "among": "ours"}).json()["people"]
    allowed = d.our_side_people(scope_for(User.objects.get(username="tobias")))
    assert ours and {p["id"] for p in ours} <= set(allowed.values_list("pk", flat=True))
    assert tobias.get("/pick/people/", {"q": "wendt", "among": "ours"}).json()["people"] == []
    assert tobias.get("/pick/people/", {"q": "wendt"}).json()["people"][0]["name"] == "Oskar Wendt"
    refused = tobias.get("/pick/people/", {"among": "everyone"})
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["field"] == "among"
    # A word must start a word of the name or title: "endt" is inside "Wendt", no match.
    assert tobias.get("/pick/people/", {"q": "endt"}).json()["people"] == []


def test_pick_units_searches_by_name_within_the_set(demo_client, demo):
    admin = demo_client("admin")
    found = admin.get("/pick/units/", {"q": "financ", "among": "all"}).json()["units"]
    assert [u["name"] for u in found] == ["Finance"]
    priya = demo_client("priya")
    assert priya.get("/pick/units/", {"q": "financ", "among": "homes"}).json()["units"] == []
    assert priya.get("/pick/units/", {"q": "x" * 101}).status_code == 400


def test_search_name_is_kept_on_every_path_that_writes_people(db):
    agnes = Person.objects.create(display_name="Ágnes Esterházy", title="Főnök")
    assert agnes.search_name == "agnes esterhazy\nfonok"
    agnes.title = "CFO"
    agnes.save(update_fields=["title"])
    agnes.refresh_from_db()
    assert agnes.search_name == person_search_text("Ágnes Esterházy", "CFO")
    # The importers' bulk path (no save()).
    from trustledger.ingest.resolve import create_people

    org = Organization.objects.create(name="Zsolnay Kft", kind="supplier")
    new = [Person(display_name="Zoltán Ökrös", organization=org)]
    create_people(new)
    assert Person.objects.get(pk=new[0].pk).search_name == "zoltan okros\n"


@pytest.mark.django_db(transaction=True)
def test_the_generator_fills_search_name():
    import datetime as dt

    from trustledger.generate import model
    from trustledger.generate.load import generate_organization

    shape = model.Shape(people=40, units=4, events=50, seed=3, until=dt.date(2026, 6, 30))
    generate_organization(shape, "Gen", progress=False)
    assert not Person.objects.filter(search_name="").exists()
    one = Person.objects.first()
    assert one is not None and one.search_name == person_search_text(one.display_name, one.title)
