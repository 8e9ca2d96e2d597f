"""Incremental runs, stamps, the network, relationships, the worker and the commands."""

from __future__ import annotations

import datetime as dt
import math

import polars as pl
import pytest
from django.core.management import call_command

from tests.analytics.conftest import AS_OF, write_interactions
from trustledger.analytics.models import (
    ComputeRun,
    PairFigures,
    PersonNetwork,
    RelationshipFigures,
    UnitPairFigures,
)
from trustledger.analytics.network import person_network
from trustledger.analytics.recompute import recompute
from trustledger.engine.reports import relationship_report
from trustledger.ledger.models import Interaction, Relationship

pytestmark = pytest.mark.django_db
LATER = AS_OF + dt.timedelta(days=1)


def snapshot(when: dt.datetime) -> dict[int, tuple]:
    out = {}
    for row in PairFigures.objects.all():
        ab, ba = row.attention_at(when)
        out[row.pair_key] = (
            row.count_ab,
            row.count_ba,
            row.meaningful,
            row.channel_mask,
            round(row.minutes, 6),
            row.last_contact,
            row.last_two_way,
            row.talking_at_ab,
            row.talking_at_ba,
            ab,
            ba,
        )
    return out


def same(x: dict, y: dict) -> None:
    assert x.keys() == y.keys()
    for key in x:
        for u, v in zip(x[key], y[key], strict=True):
            if isinstance(u, float):
                assert math.isclose(u, v, rel_tol=1e-9, abs_tol=1e-12), key
            else:
                assert u == v, key


def test_an_incremental_run_equals_a_full_one(org):
    recompute("full", as_of=AS_OF)
    write_interactions(org.people, 60, seed=2, start=AS_OF - dt.timedelta(days=3), days=4)
    run = recompute("incremental", as_of=LATER)
    assert run.kind == "incremental" and run.status == "done"
    assert 0 < run.pairs_written < PairFigures.objects.count()
    incremental = snapshot(LATER)
    units = {
        (u.unit_a, u.unit_b): (u.pairs, u.ties, u.meaningful) for u in UnitPairFigures.objects.all()
    }
    network = {p.person_id: (p.degree, p.component) for p in PersonNetwork.objects.all()}
    recompute("full", as_of=LATER)
    same(incremental, snapshot(LATER))
    assert units == {
        (u.unit_a, u.unit_b): (u.pairs, u.ties, u.meaningful) for u in UnitPairFigures.objects.all()
    }
    assert network == {p.person_id: (p.degree, p.component) for p in PersonNetwork.objects.all()}


def test_figures_are_stamped_with_the_data_version_and_as_of(org):
    run = recompute("full", as_of=AS_OF)
    top = Interaction.objects.order_by("-id").first().pk
    assert run.data_version == top
    for model in (PairFigures, UnitPairFigures, PersonNetwork):
        assert set(model.objects.values_list("data_version", "as_of").distinct()) == {(top, AS_OF)}


def test_the_network_finds_components_and_brokers():
    # Units A (1, 2), B (3, 4), C (5): A and B are joined by one tie, 2–3.
    people = pl.DataFrame({"person": [1, 2, 3, 4, 5], "unit": [10, 10, 20, 20, 30]})
    ties = pl.DataFrame({"a": [1, 3, 2], "b": [2, 4, 3]})
    net = {r["person"]: r for r in person_network(ties, people).iter_rows(named=True)}
    assert net[1]["component"] == net[4]["component"] != net[5]["component"]
    assert net[1]["component_size"] == 4 and net[5]["component_size"] == 1
    assert [p for p in net if net[p]["is_broker"]] == [2, 3]
    assert net[2]["broker_score"] == 1.0 and net[1]["broker_score"] == 0.0
    assert net[2]["degree"] == 2 and net[5]["degree"] == 0
    assert net[2]["centrality"] > net[1]["centrality"]


def test_silos_are_units_that_should_talk_and_do_not(org):
    from trustledger.directory.models import Unit

    lonely = Unit.objects.create(
        organization=org.units[0].organization, name="Lonely", parent=org.units[0]
    )
    from trustledger.directory.models import Person

    Person.objects.create(display_name="Alone", organization=lonely.organization, unit=lonely)
    recompute("full", as_of=AS_OF)
    silo = UnitPairFigures.objects.get(unit_a=org.units[1].pk, unit_b=lonely.pk)
    assert silo.should_talk and silo.is_silo and silo.pairs == 0


def test_relationships_get_health_reserve_and_phase_from_the_core(org):
    a, b = org.people[0], org.people[1]
    rel = Relationship.objects.create(
        our_person=a, counterpart_person=b, started_on=dt.date(2025, 1, 1)
    )
    recompute("full", as_of=AS_OF)
    row = RelationshipFigures.objects.get(relationship_id=rel.pk)
    report = relationship_report(rel, AS_OF)
    assert row.health_score == pytest.approx(report.health.score)
    assert row.phase == report.phase.phase.value
    assert row.reserve_balance == pytest.approx(report.reserve.balance)
    assert row.data_version == Interaction.objects.order_by("-id").first().pk


def test_recording_an_interaction_queues_an_incremental_run(
    org, cast, django_capture_on_commit_callbacks
):
    from trustledger.ledger.actions import record_interaction

    recompute("full", as_of=AS_OF)
    with django_capture_on_commit_callbacks(execute=True):
        record_interaction(
            cast.admin,
            occurred_at=AS_OF,
            channel="call",
            initiator=org.people[0],
            participants=[org.people[5]],
        )
    run = ComputeRun.objects.order_by("-id").first()
    assert run.kind == "incremental" and run.status == "done"
    assert run.data_version == Interaction.objects.order_by("-id").first().pk


def test_the_worker_task_runs_a_queued_full_recompute(org):
    from trustledger.analytics.tasks import enqueue

    run = enqueue("full")
    run.refresh_from_db()
    assert run.status == "done" and run.progress == 1.0 and PairFigures.objects.exists()


def test_the_recompute_command_runs_full_and_incremental(org, capsys):
    call_command("recompute", "--full", "--no-progress", "--as-of", AS_OF.isoformat())
    call_command("recompute", "--no-progress", "--as-of", LATER.isoformat())
    out = capsys.readouterr().out
    assert "full run" in out and "incremental run" in out
    assert ComputeRun.objects.filter(status="done").count() == 2


def test_the_worker_command_is_listed():
    from trustledger.cli import COMMANDS

    assert {"worker", "recompute"} <= set(COMMANDS)
