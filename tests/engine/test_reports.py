"""The service layer computes every score for the demo organization, and the demo's story shows."""

from __future__ import annotations

import json

import pytest

from trustledger.demo import cast as story
from trustledger.demo.load import load_demo
from trustledger.directory.models import Person, Unit
from trustledger.engine.reports import (
    organization_report,
    person_report,
    relationship_report,
    relationship_reports,
    unit_report,
)
from trustledger.ledger.models import Relationship

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    load_demo()


def _gap(report, component):
    return next(g for g in report.perception_gap.components if g.component == component)


def test_it_sees_itself_as_far_more_transparent_than_its_customers_do(demo):
    it = Unit.objects.get(name="IT")
    gap = _gap(unit_report(it, story.DEMO_END), "transparency")
    assert gap.self_rating > 8.5
    assert gap.others_mean < 5.5
    assert gap.blind_spot


def test_the_gap_was_wider_before_the_turnaround(demo):
    it = Unit.objects.get(name="IT")
    spring = _gap(
        unit_report(it, story.DEMO_START + (story.TURNAROUND - story.DEMO_START) * 1.2),
        "transparency",
    )
    autumn = _gap(unit_report(it, story.DEMO_END), "transparency")
    assert spring.gap > autumn.gap > 2


def test_reliability_rises_after_the_turnaround(demo):
    it = Unit.objects.get(name="IT")
    before = unit_report(it, story.TURNAROUND).reliability
    after = unit_report(it, story.DEMO_END).reliability
    assert before.score < 5 < after.score
    assert after.explanation.record_ids


def test_organizational_trust_counts_only_raters_of_other_units(demo):
    it = Unit.objects.get(name="IT")
    ot = unit_report(it, story.DEMO_END).organizational_trust
    assert ot.dropped_same_unit > 0
    assert ot.trust.value is not None
    assert ot.trust.n_raters == 12  # six from Finance, six from Marketing


def test_a_relationship_report_explains_its_health_down_to_records(demo):
    rel = Relationship.objects.get(purpose__startswith="Keep Finance")
    report = relationship_report(rel, story.DEMO_END)
    assert 0 <= report.health.score <= 100
    assert any(
        str(i).startswith("commitment:") for m in report.health.breakdown for i in m.record_ids
    )
    assert report.trust is not None and report.trust.value is not None
    json.dumps(report.to_dict())


def test_a_score_at_a_past_date_is_reproducible(demo):
    rel = Relationship.objects.get(purpose__startswith="Keep Finance")
    first = relationship_report(rel, story.TURNAROUND).to_dict()
    assert relationship_report(rel, story.TURNAROUND).to_dict() == first
    assert first != relationship_report(rel, story.DEMO_END).to_dict()


def test_reports_made_together_equal_reports_made_one_by_one(demo, monkeypatch):
    from trustledger.engine import reports as engine

    rels = list(Relationship.objects.order_by("pk"))
    alone = [relationship_report(rel, story.DEMO_END).to_dict() for rel in rels]
    asked: list[tuple] = []
    real = engine.survey_evidence

    def counted(*, as_of, unit_id, person_id):
        asked.append((unit_id, person_id, as_of))
        return real(as_of=as_of, unit_id=unit_id, person_id=person_id)

    monkeypatch.setattr(engine, "survey_evidence", counted)
    together = [r.to_dict() for r in relationship_reports(rels, story.DEMO_END)]
    assert together == alone
    sides = {(rel.our_unit_id, rel.our_person_id) for rel in rels}
    assert len(asked) == len(set(asked)) == 3 * len(sides) < 3 * len(rels)  # now, 30, 90 days


def test_the_level_in_a_past_report_is_the_level_then(demo):
    rel = Relationship.objects.get(purpose__startswith="Deliver the ERP")
    assert (
        relationship_report(rel, story.DEMO_START + (story.DEMO_END - story.DEMO_START) / 4).level
        == 4
    )
    assert (
        relationship_report(rel, story.DEMO_START + (story.DEMO_END - story.DEMO_START) / 2).level
        == 3
    )


def test_the_open_feedback_loop_with_marketing_becomes_a_next_action(demo):
    rel = Relationship.objects.get(purpose__startswith="Give Marketing")
    kinds = [a.kind for a in relationship_report(rel, story.DEMO_END).actions]
    assert "close_feedback_loop" in kinds


def test_a_person_report_withholds_trust_below_the_anonymity_threshold(demo):
    cio = Person.objects.get(display_name="Tobias Reinholt")
    report = person_report(cio, story.DEMO_END)
    assert report.trust.n_raters == 7
    assert report.trust.value is not None
    it_lead = Person.objects.get(display_name="Priya Raghunathan")
    assert person_report(it_lead, story.DEMO_END).trust is None


def test_every_score_of_the_organization_is_computed(demo):
    report = organization_report(story.DEMO_END)
    assert len(report.relationships) == Relationship.objects.count()
    assert len(report.units) == Unit.objects.filter(organization__kind="ours").count()
    json.dumps(report.to_dict())
