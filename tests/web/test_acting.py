"""Acting, not only seeing: home's to-do lists per persona, a button on every next action the
viewer may carry out (opening its form pre-filled), and the way back after saving."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest

from trustledger.accounts.models import User
from trustledger.demo import cast as story
from trustledger.directory.models import Person
from trustledger.ledger import models as m

pytestmark = pytest.mark.django_db
AS_OF = f"?as_of={story.DEMO_END.date().isoformat()}"
MICROSITE = "Move the events microsite to the new CDN"


def _home(demo_client, username):  # type: ignore[no-untyped-def]
    response = demo_client(username).get("/" + AS_OF)
    assert response.status_code == 200
    return response.context["page"], response.content.decode()


def _person_id(username: str) -> int | None:
    return User.objects.get(username=username).person_id


def _usable_actions(page):  # type: ignore[no-untyped-def]
    return [a for a in page["next_actions"] if a["do"]]


def test_tobias_sees_his_teams_overdue_microsite_promise_marked_team(demo_client):
    page, html = _home(demo_client, "tobias")
    overdue = {c["what"]: c for c in page["commitments"]["overdue"]}
    assert MICROSITE in overdue
    item = overdue[MICROSITE]
    assert item["team"] is True and item["promisor"] == "Karthik Venkataraman"
    assert [b["label"] for b in item["buttons"]] == ["Kept late", "Broken"]
    assert MICROSITE in html and 'class="tag team"' in html


def test_priya_sees_only_her_own_promises_and_no_team_marks(demo_client):
    page, html = _home(demo_client, "priya")
    me = _person_id("priya")
    listed = page["commitments"]["overdue"] + page["commitments"]["due_soon"]
    assert all(c["promisor_id"] == me and not c["team"] for c in listed)
    assert MICROSITE not in [c["what"] for c in listed]
    assert not page["is_manager"] and 'class="tag team"' not in html


def _own_relationship(username: str) -> m.Relationship:
    """A relationship of the user's own person with a Marketing person, never contacted."""
    return m.Relationship.objects.create(
        our_person_id=_person_id(username),
        counterpart_person=Person.objects.filter(unit__name="Marketing").first(),
        started_on=dt.date(2026, 6, 1),
    )


def test_priya_gets_buttons_on_her_own_relationship_only(demo_client):
    page, html = _home(demo_client, "priya")
    assert not page["next_actions"] and not any(page["todo"].values())
    assert "Nothing of yours is due in the next two weeks" in html
    rel = _own_relationship("priya")
    page, html = _home(demo_client, "priya")
    assert page["next_actions"]
    assert all(a["do"] for a in page["next_actions"])
    assert all(
        f"relationship={rel.pk}" in a["do"]["url"]
        for a in page["next_actions"]
        if a["do"]["url"].startswith("/entry/")
    )
    reach = page["todo"]["reach_out"]
    assert reach and reach[0]["team"] is False
    assert f"Reach out to {rel.counterpart_person.display_name}" in html


def test_ines_the_viewer_sees_next_actions_but_no_button(demo_client):
    response = demo_client("ines").get("/")  # today: her own relationship is past cadence
    page, html = response.context["page"], response.content.decode()
    assert page["next_actions"]
    assert not _usable_actions(page)
    assert 'class="button act"' not in html
    assert not any(page["todo"].values())
    assert "No feedback waiting for an answer" in html  # empty states say so in words


def _finance_promise(promisee_username: str | None = None) -> m.Commitment:
    """An open promise of a Finance member (not oskar) due in three days."""
    promisor = (
        Person.objects.filter(unit__name="Finance")
        .exclude(pk__in=[_person_id("oskar"), _person_id("margit")])
        .first()
    )
    promisee = (
        Person.objects.get(pk=_person_id(promisee_username))
        if promisee_username
        else Person.objects.filter(unit__name="Marketing").first()
    )
    return m.Commitment.objects.create(
        promisor=promisor,
        promisee=promisee,
        what="Send the quarterly cost report",
        strength="commitment",
        made_at=story.DEMO_END - dt.timedelta(days=3),
        due_at=story.DEMO_END + dt.timedelta(days=3),
    )


def test_margit_the_manager_sees_her_teams_promise_marked_with_buttons(demo_client):
    promise = _finance_promise()
    page, html = _home(demo_client, "margit")
    assert page["is_manager"]
    soon = {c["id"]: c for c in page["commitments"]["due_soon"]}
    assert soon[promise.pk]["team"] is True
    assert [b["label"] for b in soon[promise.pk]["buttons"]] == ["Kept", "New date"]
    assert "What others owe me" in html and promise.what in html


def test_oskar_does_not_get_a_colleagues_promise_to_do_but_sees_it_owed_to_him(demo_client):
    promise = _finance_promise("oskar")
    page, _ = _home(demo_client, "oskar")
    listed = page["commitments"]["overdue"] + page["commitments"]["due_soon"]
    assert promise.pk not in [c["id"] for c in listed]
    owed = {c["id"]: c for c in page["owed_to_me"]}
    assert owed[promise.pk]["team"] is False and not owed[promise.pk]["buttons"]
    assert not _usable_actions(page)


def test_admin_may_carry_out_every_next_action(demo_client):
    page, _ = _home(demo_client, "admin")
    assert page["next_actions"]
    assert all(a["do"] or a["kind"] == "fill_local_context" for a in page["next_actions"])


def test_what_others_owe_me_lists_promises_made_to_me(demo_client):
    me = _person_id("tobias")
    promise = m.Commitment.objects.filter(
        promisee_id=me, state=m.CommitmentState.OPEN, made_at__lte=story.DEMO_END
    ).first()
    if promise is None:  # the demo has none open: make one, as a counterpart would
        promise = m.Commitment.objects.create(
            promisor=m.Relationship.objects.filter(counterpart_person__isnull=False)
            .first()
            .counterpart_person,
            promisee_id=me,
            what="Send the budget figures",
            strength="commitment",
            made_at=story.DEMO_END - dt.timedelta(days=3),
            due_at=story.DEMO_END + dt.timedelta(days=3),
        )
    page, html = _home(demo_client, "tobias")
    owed = {c["id"]: c for c in page["owed_to_me"]}
    assert promise.pk in owed and owed[promise.pk]["team"] is False
    assert promise.what in html


def _action_of(page, kind):  # type: ignore[no-untyped-def]
    found = [a for a in page["next_actions"] if a["kind"] == kind and a["do"]]
    assert found, f"no usable {kind} on this page"
    return found[0]


def test_a_reach_out_button_opens_the_interaction_form_prefilled(demo_client):
    client = demo_client("admin")
    action = _action_of(client.get("/").context["page"], "reach_out")
    url = action["do"]["url"]
    assert url.startswith("/entry/interaction/?") and "next=" in url
    query = parse_qs(urlsplit(url).query)
    rel = m.Relationship.objects.get(pk=int(query["relationship"][0]))
    form = client.get(url).context["form"]
    assert form["relationship"].value() == rel.pk
    if rel.counterpart_person_id:
        assert form["person"].value() == [rel.counterpart_person_id]
        assert rel.counterpart_person.display_name in action["do"]["label"]


def test_agreeing_a_measure_from_its_button_returns_to_the_page_and_ends_the_action(
    demo_client,
):
    client = demo_client("admin")
    rel = m.Relationship.objects.get(our_unit__name="IT", counterpart_unit__name="Finance")
    started = m.Goal.objects.create(
        title="New expense tool", work_started_on=dt.date.today() - dt.timedelta(days=10)
    )
    rel.goals.add(started)
    action = _action_of(client.get("/").context["page"], "agree_measures")
    url = action["do"]["url"]
    query = parse_qs(urlsplit(url).query)
    goal = m.Goal.objects.get(pk=int(query["goal"][0]))
    form = client.get(url).context["form"]
    assert form["goal"].value() == goal.pk
    data = {k: v[0] for k, v in query.items()}
    data |= {"name": "Bookings confirmed within a day", "target": "95%", "agreed_on": "2026-11-29"}
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"] == "/"
    assert m.AgreedMeasure.objects.filter(goal=goal, name=data["name"]).exists()
    home = client.get("/")
    assert "Measure “Bookings confirmed within a day” agreed." in home.content.decode()
    still = [
        a
        for a in home.context["page"]["next_actions"]
        if a["kind"] == "agree_measures" and f"goal:{goal.pk}" in a["gap"]["record_ids"]
    ]
    assert not still


def test_the_relationship_json_twin_carries_each_actions_form_url(demo_client):
    client = demo_client("tobias")
    rel = next(
        r
        for r in m.Relationship.objects.filter(our_unit__name="IT")
        if client.get(f"/relationships/{r.pk}/?format=json").json()["report"]["actions"]
    )
    data = client.get(f"/relationships/{rel.pk}/?format=json").json()
    # Every action has its form, except filling in the context of a person the viewer may not
    # edit (someone of another unit of our organization): no button there.
    for a in data["report"]["actions"]:
        assert (a["do"] is None and a["kind"] == "fill_local_context") or a["do"]["url"][0] == "/"
    html = client.get(f"/relationships/{rel.pk}/").content.decode()
    assert 'data-testid="act-' in html


def test_unit_and_person_pages_list_next_actions_with_buttons(demo_client):
    client = demo_client("tobias")
    unit = m.Relationship.objects.filter(our_unit__name="IT").first().our_unit
    page = client.get(f"/units/{unit.pk}/" + AS_OF).context["page"]
    assert page["next_actions"]
    assert all(a["do"] or a["kind"] == "fill_local_context" for a in page["next_actions"])
    me = _person_id("tobias")
    page = client.get(f"/people/{me}/" + AS_OF).context["page"]
    assert "next_actions" in page
    html = client.get(f"/units/{unit.pk}/" + AS_OF).content.decode()
    assert 'data-testid="act-schedule_review"' in html and "next=%2Funits%2F" in html


def test_a_viewer_sees_the_relationships_actions_without_buttons(demo_client):
    client = demo_client("ines")
    rel = m.Relationship.objects.get(our_person_id=_person_id("ines"))
    data = client.get(f"/relationships/{rel.pk}/?format=json").json()
    assert data["report"]["actions"] and not any(a["do"] for a in data["report"]["actions"])
    assert 'class="button act"' not in client.get(f"/relationships/{rel.pk}/").content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "due_on=3000-01-01&promisee=99999999999999999999999&what=Ship+it",
        "due_on=yesterday&promisee=-1&strength=nonsense&what=Ship+it",
        "promisee=1%00&what=Ship+it&promisor=abc",
    ],
)
def test_a_bad_prefill_value_is_left_out_never_a_500(demo_client, query):
    response = demo_client("tobias").get(f"/entry/commitment/?{query}")
    assert response.status_code == 200
    form = response.context["form"]
    assert form["what"].value() == "Ship it"
    assert form["due_on"].value() in (None, "")
    assert form["strength"].value() == m.Strength.COMMITMENT


def test_a_person_out_of_reach_is_not_prefilled(demo_client):
    finance_member = User.objects.get(username="oskar").person_id
    outsider = m.Relationship.objects.exclude(our_unit__name="IT").exclude(
        counterpart_person__isnull=True
    )
    hidden = [
        r.counterpart_person_id
        for r in outsider
        if r.counterpart_person_id != finance_member
        and not demo_client("priya")
        .get(f"/entry/commitment/?promisee={r.counterpart_person_id}")
        .context["form"]
        .fields["promisee"]
        .queryset.filter(pk=r.counterpart_person_id)
        .exists()
    ]
    assert hidden
    form = demo_client("priya").get(f"/entry/commitment/?promisee={hidden[0]}").context["form"]
    assert form["promisee"].value() in (None, "")


def test_after_saving_without_next_the_user_lands_on_the_new_record(demo_client):
    client = demo_client("admin")
    rel = m.Relationship.objects.filter(counterpart_person__isnull=False).first()
    response = client.post(
        "/entry/need/",
        {"relationship": rel.pk, "description": "Faster onboarding", "kind": "need"},
    )
    need = m.Need.objects.get(description="Faster onboarding")
    assert response.status_code == 302 and response["Location"] == f"/records/need/{need.pk}/"
    page = client.get(response["Location"])
    assert "Need recorded." in page.content.decode() or "recorded." in page.content.decode()


def test_an_unsafe_next_is_ignored(demo_client):
    client = demo_client("admin")
    rel = m.Relationship.objects.first()
    response = client.post(
        "/entry/need/?next=https://evil.example/",
        {"relationship": rel.pk, "description": "x", "kind": "need"},
    )
    assert response["Location"] == f"/records/need/{m.Need.objects.get(description='x').pk}/"
