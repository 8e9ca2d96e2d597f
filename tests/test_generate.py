"""`trustledger generate`: a generated organization through the bulk path, on both databases."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from trustledger.directory.models import Channel, Organization, Person, PersonIdentity, Unit
from trustledger.generate import model
from trustledger.generate.load import generate_organization
from trustledger.ledger.models import Interaction, InteractionParticipant

UNTIL = dt.date(2026, 11, 20)
SMALL = model.Shape(people=300, units=20, events=5_000, seed=7, until=UNTIL)

pytestmark = pytest.mark.django_db(transaction=True)


def _generate(name: str = "Gen", shape: model.Shape = SMALL, **kwargs: object):  # type: ignore[no-untyped-def]
    return generate_organization(shape, name, progress=False, **kwargs)  # type: ignore[arg-type]


def _pairs_of(org: Organization) -> list[tuple[Interaction, list[InteractionParticipant]]]:
    by_interaction: dict[int, list[InteractionParticipant]] = {}
    for p in InteractionParticipant.objects.filter(person__organization=org):
        by_interaction.setdefault(p.interaction_id, []).append(p)
    return [
        (i, by_interaction.get(i.pk, []))
        for i in Interaction.objects.filter(initiator__organization=org).order_by("pk")
    ]


def test_it_writes_the_requested_counts():
    summary = _generate()
    org = Organization.objects.get(name="Gen")
    assert Unit.objects.filter(organization=org).count() == 20
    assert Person.objects.filter(organization=org).count() == 300
    assert Interaction.objects.filter(source="generated").count() == 5_000
    assert InteractionParticipant.objects.count() == summary.participants > 5_000
    assert (summary.people, summary.units, summary.interactions) == (300, 20, 5_000)
    assert org.notes.endswith("Complete.")


def test_every_person_has_one_email_identity_and_units_form_a_tree():
    _generate()
    emails = PersonIdentity.objects.filter(kind="email")
    assert emails.count() == 300
    assert emails.values("person").distinct().count() == 300
    assert all(e.value == e.normalized and "@" in e.value for e in emails)
    departments = Unit.objects.filter(parent__isnull=True)
    teams = Unit.objects.filter(parent__isnull=False)
    assert departments.count() >= 1 and teams.count() >= 1
    assert set(teams.values_list("parent__kind", flat=True)) == {"department"}
    # Every team has someone in it; people sit in teams.
    assert all(t.people.exists() for t in teams)
    assert set(Person.objects.values_list("unit__kind", flat=True)) == {"team"}


def test_the_same_seed_gives_the_same_organization():
    _generate("First")
    _generate("Second")

    def fingerprint(name: str) -> list[tuple[object, ...]]:
        org = Organization.objects.get(name=name)
        first_person = Person.objects.filter(organization=org).order_by("pk").first().pk
        rows = []
        for i, parts in _pairs_of(org):
            rows.append(
                (
                    i.occurred_at,
                    i.channel,
                    i.duration_minutes,
                    i.answered,
                    i.is_broadcast,
                    i.focus,
                    i.initiator_id - first_person,
                    sorted((p.person_id - first_person, p.role) for p in parts),
                )
            )
        return rows

    assert fingerprint("First") == fingerprint("Second")
    other = model.chunk(model.world(SMALL, "x.example"), 0, 0, 1000).interactions
    reseeded = model.Shape(**{**SMALL.__dict__, "seed": 8})
    assert not other.equals(
        model.chunk(model.world(reseeded, "x.example"), 0, 0, 1000).interactions
    )


def test_values_are_valid_and_participants_reference_interactions():
    _generate(rebuild_indexes=True)
    with connection.cursor() as cursor:
        p, i = InteractionParticipant._meta.db_table, Interaction._meta.db_table
        cursor.execute(
            f"SELECT COUNT(*) FROM {p} p LEFT JOIN {i} i ON i.id = p.interaction_id "
            "WHERE i.id IS NULL"
        )
        assert cursor.fetchone()[0] == 0
    assert set(Interaction.objects.values_list("channel", flat=True)) <= set(Channel.values)
    assert set(InteractionParticipant.objects.values_list("role", flat=True)) <= {
        "to",
        "cc",
        "attendee",
    }
    assert not Interaction.objects.filter(duration_minutes__lt=0).exists()
    assert not Interaction.objects.exclude(external_id__startswith="gen:").exists()
    for interaction, parts in _pairs_of(Organization.objects.get()):
        people = [p.person_id for p in parts]
        assert people, interaction.pk
        assert interaction.initiator_id not in people
        assert len(set(people)) == len(people)
        assert all(p.occurred_at == interaction.occurred_at for p in parts)
        if interaction.channel in {"meeting", "call", "in_person"} and not interaction.is_broadcast:
            assert interaction.duration_minutes is not None


def test_a_few_pairs_carry_much_of_the_traffic_and_most_of_it_stays_in_the_unit():
    _generate()
    unit_of = dict(Person.objects.values_list("pk", "unit_id"))
    pairs: Counter[tuple[int, int]] = Counter()
    same_unit = 0
    one_to_one = 0
    for interaction, parts in _pairs_of(Organization.objects.get()):
        if interaction.is_broadcast:
            continue
        main = next(p for p in parts if p.role != "cc")
        pairs[tuple(sorted((interaction.initiator_id, main.person_id)))] += 1  # type: ignore[arg-type]
        one_to_one += 1
        same_unit += unit_of[interaction.initiator_id] == unit_of[main.person_id]
    counts = sorted(pairs.values(), reverse=True)
    top = max(1, len(counts) // 100)
    assert sum(counts[:top]) / one_to_one > 0.15  # uniform traffic would give about 0.01
    assert counts[len(counts) // 2] <= 2  # and the median pair talks little
    assert same_unit / one_to_one > 0.6
    broadcasts = Interaction.objects.filter(is_broadcast=True)
    assert 0 < broadcasts.count() < 0.05 * 5_000
    crowd = InteractionParticipant.objects.filter(interaction__is_broadcast=True).count()
    assert crowd / broadcasts.count() >= 5


def test_work_happens_on_weekdays_in_working_hours_local_time():
    _generate()
    zone_of = dict(Person.objects.values_list("pk", "time_zone"))
    weekdays = working_hours = 0
    rows = list(Interaction.objects.values_list("occurred_at", "initiator_id"))
    for occurred_at, initiator in rows:
        local = occurred_at.astimezone(ZoneInfo(zone_of[initiator]))
        weekdays += local.weekday() < 5
        working_hours += 7 <= local.hour < 19
    assert weekdays / len(rows) > 0.95
    assert working_hours / len(rows) > 0.85
    first = Interaction.objects.order_by("occurred_at").first().occurred_at
    last = Interaction.objects.order_by("occurred_at").last().occurred_at
    assert first.date() >= UNTIL - dt.timedelta(days=366) and last.date() <= UNTIL + dt.timedelta(1)


def test_answers_and_channels_vary_by_pair():
    _generate()
    emails = Interaction.objects.filter(channel="email", is_broadcast=False)
    answered = emails.filter(answered=True).count() / emails.count()
    assert 0.4 < answered < 0.95
    assert emails.filter(answered=True, reply_latency_seconds__isnull=False).exists()
    assert not Interaction.objects.filter(channel="meeting", is_broadcast=False, answered=False)
    assert len(set(Interaction.objects.values_list("channel", flat=True))) == 6


def test_running_it_again_writes_nothing(capsys):  # type: ignore[no-untyped-def]
    args = ["--people", "300", "--units", "20", "--events", "5000", "--seed", "7"]
    args += ["--until", "2026-11-20", "--no-progress"]
    call_command("generate", *args)
    assert "5000 interactions" in capsys.readouterr().out
    call_command("generate", *args)
    assert "already generated; nothing written" in capsys.readouterr().out
    assert Interaction.objects.count() == 5_000
    assert Person.objects.count() == 300


def test_it_refuses_an_organization_it_did_not_generate():
    Organization.objects.create(name="Acme", kind="ours")
    with pytest.raises(CommandError, match="'Acme' exists and was not generated"):
        call_command("generate", "--organization", "Acme", "--people", "10", "--units", "2",
                     "--events", "10", "--no-progress")  # fmt: skip
    assert not Interaction.objects.exists()


def test_it_refuses_an_unfinished_generation():
    _generate()
    Organization.objects.filter(name="Gen").update(notes=model_notes_in_progress())
    with pytest.raises(CommandError, match="did not finish"):
        call_command("generate", "--organization", "Gen", "--people", "10", "--units", "2",
                     "--events", "10", "--no-progress")  # fmt: skip


def model_notes_in_progress() -> str:
    from trustledger.generate.load import notes_for

    return notes_for(SMALL, "In progress.")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--people", "0"], "--people must be a positive number"),
        (["--units", "0"], "--units must be a positive number"),
        (["--events", "-5"], "--events must be a positive number"),
        (["--days", "0"], "--days must be a positive number"),
        (["--people", "1", "--units", "1"], "--people must be at least 2"),
        (["--people", "10", "--units", "11"], "--units (11) cannot exceed --people (10)"),
        (["--seed", "-1"], "--seed must be zero or positive"),
        (["--until", "tomorrow"], "--until 'tomorrow' is not a date"),
    ],
)
def test_bad_arguments_are_refused_with_the_option_named(args, message):  # type: ignore[no-untyped-def]
    with pytest.raises(CommandError) as excinfo:
        call_command("generate", *args, "--no-progress")
    assert message in str(excinfo.value)
    assert not Organization.objects.exists()


def test_the_cli_runs_it_and_the_ids_continue_after_it(capsys):  # type: ignore[no-untyped-def]
    from trustledger.cli import main

    code = main(["generate", "--people", "40", "--units", "4", "--events", "300", "--seed", "3",
                 "--organization", "Small", "--until", "2026-11-20", "--no-progress"])  # fmt: skip
    assert code == 0
    out = capsys.readouterr().out
    assert "generated 'Small': 40 people, 4 units, 300 interactions" in out
    top = Interaction.objects.order_by("-pk").first().pk
    fresh = Interaction.objects.create(occurred_at=dt.datetime.now(dt.UTC), channel="email")
    assert fresh.pk > top
    assert main(["generate", "--people", "0"]) == 2
    assert "--people must be a positive number" in capsys.readouterr().err


def test_the_plain_indexes_are_back_after_a_rebuilding_load():
    def indexes() -> set[str]:
        with connection.cursor() as cursor:
            found = connection.introspection.get_constraints(cursor, Interaction._meta.db_table)
            found |= connection.introspection.get_constraints(
                cursor, InteractionParticipant._meta.db_table
            )
        return {name for name, c in found.items() if c["index"]}

    before = indexes()
    _generate(rebuild_indexes=True)
    assert indexes() == before
    assert "interaction_initiator_time" in before


def test_the_connection_checks_again_after_the_load():
    _generate(shape=model.Shape(people=20, units=2, events=50, seed=1, until=UNTIL))
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA foreign_keys")
            assert cursor.fetchone()[0] == 1
            cursor.execute("PRAGMA ignore_check_constraints")
            assert cursor.fetchone()[0] == 0
    with pytest.raises(Exception):  # noqa: B017 - IntegrityError, wrapped differently per database
        Interaction.objects.create(occurred_at=dt.datetime.now(dt.UTC), channel="fax")
