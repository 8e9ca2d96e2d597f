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
            if isinstance(u, float) and v is not None:
                assert math.isclose(u, v, rel_tol=1e-9, abs_tol=1e-12), key
            else:
                assert u == v, key


def unit_snapshot(when: dt.datetime) -> dict[tuple[int, int], tuple]:
    out = {}
    for u in UnitPairFigures.objects.all():
        factor = 2.0 ** (-(when - u.as_of).total_seconds() / 86_400 / 90.0)
        out[(u.unit_a, u.unit_b)] = (
            u.pairs,
            u.ties,
            u.possible_pairs,
            u.count_ab,
            u.count_ba,
            u.meaningful,
            u.channel_mask,
            round(u.minutes, 6),
            u.last_contact,
            u.should_talk,
            u.is_silo,
            u.density,
            u.reciprocal_share,
            u.reciprocity,
            u.attention_ab * factor,
            u.attention_ba * factor,
        )
    return out


def network_snapshot() -> dict[int, tuple]:
    """Degree and the members of each person's component (component labels are arbitrary)."""
    rows = list(PersonNetwork.objects.values_list("person_id", "degree", "component"))
    members: dict[int, set[int]] = {}
    for person, _, component in rows:
        members.setdefault(component, set()).add(person)
    sizes = dict(PersonNetwork.objects.values_list("person_id", "component_size"))
    out = {}
    for person, degree, component in rows:
        assert sizes[person] == len(members[component])
        out[person] = (degree, frozenset(members[component]))
    return out


def test_an_incremental_run_equals_a_full_one(org):
    recompute("full", as_of=AS_OF)
    write_interactions(org.people, 60, seed=2, start=AS_OF - dt.timedelta(days=3), days=4)
    run = recompute("incremental", as_of=LATER)
    assert run.kind == "incremental" and run.status == "done"
    assert 0 < run.pairs_written < PairFigures.objects.count()
    incremental, units, network = snapshot(LATER), unit_snapshot(LATER), network_snapshot()
    recompute("full", as_of=LATER)
    same(incremental, snapshot(LATER))
    same(units, unit_snapshot(LATER))
    assert network == network_snapshot()


def talk(a, b, times: int, day: dt.datetime) -> None:  # type: ignore[no-untyped-def]
    """`times` answered calls from a to b: a tie once there are three."""
    from trustledger.ledger.models import InteractionParticipant

    for n in range(times):
        i = Interaction.objects.create(
            occurred_at=day + dt.timedelta(minutes=n), channel="call", initiator=a, answered=True
        )
        InteractionParticipant.objects.create(
            interaction=i, person=b, role="to", occurred_at=i.occurred_at
        )


def test_new_ties_grow_degree_and_join_components_between_full_runs(org):
    from trustledger.directory.models import Person

    newcomer = Person.objects.create(
        display_name="Newcomer", organization=org.units[0].organization, unit=org.units[1]
    )
    recompute("full", as_of=AS_OF)
    assert PersonNetwork.objects.get(person_id=newcomer.pk).component_size == 1
    talk(newcomer, org.people[0], 3, AS_OF - dt.timedelta(days=1))
    recompute("incremental", as_of=LATER)
    grown = network_snapshot()
    assert grown[newcomer.pk][0] == 1 and org.people[0].pk in grown[newcomer.pk][1]
    recompute("full", as_of=LATER)
    assert grown == network_snapshot()


def test_a_newcomer_without_a_network_row_gets_the_network_recomputed(org):
    from trustledger.directory.models import Person

    recompute("full", as_of=AS_OF)
    newcomer = Person.objects.create(
        display_name="Newcomer", organization=org.units[0].organization, unit=org.units[2]
    )
    talk(newcomer, org.people[1], 3, AS_OF - dt.timedelta(days=1))
    recompute("incremental", as_of=LATER)
    grown = network_snapshot()
    assert grown[newcomer.pk][0] == 1
    recompute("full", as_of=LATER)
    assert grown == network_snapshot()  # (unit sizes, hence densities, wait for a full run)


def test_a_failed_incremental_run_leaves_its_interactions_for_the_next(org, monkeypatch):
    from trustledger.analytics import incremental as step

    recompute("full", as_of=AS_OF)
    write_interactions(org.people, 30, seed=5, start=AS_OF - dt.timedelta(days=2), days=2)

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk full")

    monkeypatch.setattr(step, "unit_pairs", broken)
    with pytest.raises(RuntimeError):
        recompute("incremental", as_of=LATER)
    monkeypatch.undo()
    recompute("incremental", as_of=LATER)
    incremental = snapshot(LATER)
    recompute("full", as_of=LATER)
    same(incremental, snapshot(LATER))


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


def test_an_incremental_run_recomputes_only_the_relationships_it_touches(org):
    a, b, c, d = org.people[0], org.people[1], org.people[2], org.people[3]
    touched = Relationship.objects.create(
        our_person=a, counterpart_person=b, started_on=dt.date(2025, 1, 1)
    )
    untouched = Relationship.objects.create(
        our_person=c, counterpart_person=d, started_on=dt.date(2025, 1, 1)
    )
    first = recompute("full", as_of=AS_OF).data_version
    talk(a, b, 1, AS_OF - dt.timedelta(hours=2))
    run = recompute("incremental", as_of=LATER)
    row = RelationshipFigures.objects.get(relationship_id=touched.pk)
    assert row.data_version == run.data_version > first
    assert RelationshipFigures.objects.get(relationship_id=untouched.pk).data_version == first
    assert row.health_score == pytest.approx(relationship_report(touched, LATER).health.score)


@pytest.fixture
def old_network(db):  # type: ignore[no-untyped-def]
    """A network imported from 2004 archives: nothing in the last 90 days."""
    from trustledger.directory.models import Organization, Person

    ours = Organization.objects.create(name="Oldco", kind="ours")
    people = Person.objects.bulk_create(
        Person(display_name=f"Elder {i}", organization=ours) for i in range(6)
    )
    start = dt.datetime(2004, 3, 1, tzinfo=dt.UTC)
    write_interactions(people, 200, seed=7, start=start, broadcasts=False)
    return people


def test_a_full_recompute_on_old_data_warns_and_suggests_as_of(old_network, capsys):
    call_command("recompute", "--full", "--no-progress", "--as-of", AS_OF.isoformat())
    err = capsys.readouterr().err
    assert "warning: no interaction in the 90 days before 2026-06-01" in err
    assert "the latest is from 2004-04-" in err and "--as-of 2004-04-" in err
    # Attention of ~1e-26 each way is no flow: reciprocity is not computed from it.
    rows = list(PairFigures.objects.all())
    assert rows and all(row.reciprocity == 0.0 for row in rows)
    # As of then, the same pairs are reciprocal again.
    call_command("recompute", "--full", "--no-progress", "--as-of", "2004-05-01")
    assert "warning" not in capsys.readouterr().err
    assert any(row.reciprocity > 0.5 for row in PairFigures.objects.all())


def test_a_recompute_with_recent_data_does_not_warn(org, capsys):
    call_command("recompute", "--full", "--no-progress", "--as-of", AS_OF.isoformat())
    assert "warning" not in capsys.readouterr().err
