"""Trust of our side reads the counterpart's raters only, and only where the survey rules
publish that group's figure: never a figure that, set against the team-wide one, would give
away a group smaller than k."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from trustledger.accounts.models import User
from trustledger.demo import cast as story
from trustledger.demo.load import load_demo
from trustledger.engine.reports import relationship_report, unit_report
from trustledger.ledger.models import Relationship
from trustledger.surveys.models import Campaign, Response

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    load_demo()


def it_finance():
    return Relationship.objects.get(our_unit__name="IT", counterpart_unit__name="Finance")


def drop_raters(unit_name: str, keep: int) -> None:
    """Leave `keep` of the unit's answers to the autumn pulse; the spring pulse goes (so the
    cross-campaign rule does not withhold the whole campaign)."""
    Campaign.objects.filter(title__contains="spring").delete()
    autumn = Campaign.objects.get(title__contains="autumn")
    ids = Response.objects.filter(campaign=autumn, rater_unit__name=unit_name).values_list(
        "pk", flat=True
    )
    Response.objects.filter(pk__in=list(ids)[keep:]).delete()


def test_trust_of_it_on_it_finance_is_finances_view_not_every_raters(demo):
    report = relationship_report(it_finance(), story.DEMO_END)
    assert report.trust.value == pytest.approx(7.07, abs=0.01)
    assert report.trust.n_raters == 6
    assert (report.trust_raters.name, report.trust_raters.state) == ("Finance", "shown")
    whole_team = unit_report(it_finance().our_unit, story.DEMO_END).organizational_trust.trust
    assert whole_team.value == pytest.approx(4.78, abs=0.01)
    assert whole_team.n_raters == 12


def test_each_relationship_reads_its_own_counterpart(demo):
    marketing = Relationship.objects.get(our_unit__name="IT", counterpart_unit__name="Marketing")
    report = relationship_report(marketing, story.DEMO_END)
    assert report.trust_raters.name == "Marketing"
    assert report.trust.value < relationship_report(it_finance(), story.DEMO_END).trust.value


def test_the_counterpart_figure_is_the_one_the_results_page_publishes(demo):
    report = relationship_report(it_finance(), story.DEMO_END)
    client = Client()
    client.force_login(User.objects.get(username="admin"))
    autumn = Campaign.objects.get(title__contains="autumn")
    results = client.get(reverse("surveys:results", args=[autumn.pk]) + "?format=json").json()
    finance = next(g for g in results["results"]["breakdowns"]["unit"] if g["group"] == "Finance")
    for name, component in report.trust.components.items():
        cell = finance["components"][name]
        assert cell["state"] == "shown"
        assert cell["n"] == component.n
        assert cell["mean"] == pytest.approx(component.mean, abs=0.005)


def test_a_counterpart_group_under_k_is_withheld(demo):
    drop_raters("Finance", keep=3)
    report = relationship_report(it_finance(), story.DEMO_END)
    assert report.trust is None or report.trust.value is None
    assert report.trust_raters.state == "too_few"
    data = report.to_dict()
    if data["trust"]:
        assert all(c["n"] is None for c in data["trust"]["components"].values())


def test_a_counterpart_group_is_withheld_when_the_rest_of_the_team_is_under_k(demo):
    # Finance keeps six raters, Marketing two: Finance's figure subtracted from the whole
    # team's would give Marketing's two answers away, so the survey rules withhold it.
    drop_raters("Marketing", keep=2)
    whole_team = unit_report(it_finance().our_unit, story.DEMO_END).organizational_trust.trust
    assert whole_team.value is not None and whole_team.n_raters == 8
    report = relationship_report(it_finance(), story.DEMO_END)
    assert report.trust is None or report.trust.value is None
    assert report.trust_raters.state == "too_few"


def test_no_closed_survey_says_so(demo):
    Campaign.objects.filter(subject_unit__name="IT").delete()
    report = relationship_report(it_finance(), story.DEMO_END)
    assert report.trust is None
    assert report.trust_raters.state == "no_survey"
