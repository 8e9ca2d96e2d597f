"""Everyone's nudge facts at once, from a handful of bulk reads and the materialized figures.

`gather.facts_for` builds one user's facts through the ORM and the engine's report of each
relationship they keep: right for one user opening a page, far too slow for every user's
weekly digest. Here the same facts come for many users from one read per table (users and
memberships, relationships, people, live commitments, waiting feedback, reviews, proposals),
with each relationship's health, band, trend and missing measures from `RelationshipFigures`
and its last two-way contact from `PairFigures`, both written by the last full or incremental
recompute. The pure core (`domain.nudges.nudges`) then runs per user, as on the per-user path.

Who keeps what is the per-user path's rule (gather.py's docstring), on the scopes of
`access.scopes_in_bulk` (the same code as `scope_for`). Where the two paths differ
(docs/nudges.md, "Everyone at once"):
- health, trend and the last two-way contact are the figures' as of the last recompute, not
  recomputed at `as_of`; a relationship without figures yet gets no health or trend signal,
  and only its start date for keeping in touch;
- blind spots and surveys ready are read per managed unit and per recent campaign (each once
  for all users), through the same functions as the per-user path.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import polars as pl
from django.db import connection
from django.db.models import F, Q

from trustledger.accounts.access import Scope, scopes_in_bulk
from trustledger.accounts.models import User
from trustledger.analytics.models import PairFigures, RelationshipFigures
from trustledger.analytics.pairs import pair_key
from trustledger.analytics.store import read_where_in
from trustledger.directory.models import Organization, Person, Unit
from trustledger.directory.tree import UnitTree
from trustledger.domain import nudges as n
from trustledger.domain.records import ServiceLevel
from trustledger.engine.reports import engine_settings
from trustledger.ledger import models as m
from trustledger.nudges.gather import promise_facts

CHUNK = 5000
# A relationship's columns, in `Rel`'s order.
REL_COLUMNS = (
    "pk",
    "our_person_id",
    "our_unit_id",
    "counterpart_person_id",
    "counterpart_unit_id",
    "counterpart_organization_id",
    "service_level",
    "cadence_days",
    "started_on",
)


@dataclass
class Rel:
    """One active relationship, as the batch reads it (no model instance)."""

    id: int
    our_person: int | None
    our_unit: int | None
    cp_person: int | None
    cp_unit: int | None
    cp_org: int | None
    level: int
    cadence_days: float | None
    started_on: dt.date | None
    counterpart: str = ""
    our_side: str = ""


@dataclass
class World:
    """What every user's facts are drawn from, read once."""

    as_of: dt.datetime
    tree: UnitTree
    person_unit: dict[int, int | None]
    person_org: dict[int, int | None]
    names: dict[str, str]  # "person:5", "unit:2", "organization:1" → name
    rels: dict[int, Rel]
    by_our_person: dict[int, list[int]]
    by_our_unit: dict[int, list[int]]
    last_two_way: dict[int, dt.datetime]
    figures: dict[int, tuple[Any, ...]]
    feedback: dict[int, list[n.FeedbackFacts]]
    unseen: dict[int, list[tuple[int, dt.datetime]]]
    reviews: dict[int, n.ReviewFacts]
    promises_made: dict[int, list[m.Commitment]]  # promisor → live commitments
    promises_to: dict[int, list[m.Commitment]]  # promisee → live commitments
    on_relationship: dict[int, list[m.Commitment]]  # relationship → live commitments
    proposals: list[tuple[int, int | None]]  # (promisor, promisor's unit) of each awaiting
    below: dict[int, frozenset[int]] = field(default_factory=dict)
    people_by_unit: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    # Per user: relationships not active whose other side they stand on (`inactive_theirs`).
    inactive_theirs: dict[int, set[int]] = field(default_factory=dict)
    _theirs: dict[tuple[str, int | None], list[int]] | None = None
    _proposals: tuple[Counter[int | None], Counter[int | None]] | None = None

    def theirs_index(self) -> dict[tuple[str, int | None], list[int]]:
        """The active relationships that carry live commitments, by what their counterpart
        is: ("unit", id), ("person", id), ("person_unit", the person's unit), ("organization",
        id). Built once."""
        if self._theirs is None:
            self._theirs = defaultdict(list)
            for pk in self.on_relationship:
                rel = self.rels.get(pk)
                if rel is None:
                    continue
                if rel.cp_unit is not None:
                    self._theirs[("unit", rel.cp_unit)].append(pk)
                elif rel.cp_person is not None:
                    self._theirs[("person", rel.cp_person)].append(pk)
                    self._theirs[("person_unit", self.person_unit.get(rel.cp_person))].append(pk)
                else:
                    self._theirs[("organization", rel.cp_org)].append(pk)
        return self._theirs

    def proposals_counted(self) -> tuple[Counter[int | None], Counter[int | None]]:
        """Proposals awaiting review by promisor and by the promisor's unit, counted once."""
        if self._proposals is None:
            self._proposals = (
                Counter(p for p, _ in self.proposals),
                Counter(u for _, u in self.proposals),
            )
        return self._proposals

    def subtree(self, unit_id: int) -> frozenset[int]:
        if unit_id not in self.below:
            self.below[unit_id] = frozenset(self.tree.below([unit_id]))
        return self.below[unit_id]

    def name(self, kind: str, pk: int | None) -> str:
        return self.names.get(f"{kind}:{pk}", "")

    def in_ours(self, rel: Rel, person: int) -> bool:
        if rel.our_person is not None:
            return person == rel.our_person
        unit = self.person_unit.get(person)
        return unit is not None and rel.our_unit is not None and unit in self.subtree(rel.our_unit)

    def in_theirs(self, rel: Rel, person: int) -> bool:
        """`sides_of(rel).theirs`: the counterpart's people, less those on our side."""
        if rel.cp_person is not None:
            found = person == rel.cp_person
        elif rel.cp_unit is not None:
            unit = self.person_unit.get(person)
            found = unit is not None and unit in self.subtree(rel.cp_unit)
        else:
            found = self.person_org.get(person) == rel.cp_org
        return found and not self.in_ours(rel, person)


def _noon(day: dt.date | None) -> dt.datetime | None:
    return None if day is None else dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)


def read_world(as_of: dt.datetime) -> World:
    tree = UnitTree.read()
    names: dict[str, str] = {}
    person_unit: dict[int, int | None] = {}
    person_org: dict[int, int | None] = {}
    people = Person.objects.values_list("pk", "display_name", "unit_id", "organization_id")
    for pk, name, unit, org in people.iterator(chunk_size=CHUNK):
        names[f"person:{pk}"] = name
        person_unit[pk] = unit
        person_org[pk] = org
    names.update((f"unit:{pk}", name) for pk, name in Unit.objects.values_list("pk", "name"))
    names.update(
        (f"organization:{pk}", name) for pk, name in Organization.objects.values_list("pk", "name")
    )
    rels: dict[int, Rel] = {}
    by_our_person: dict[int, list[int]] = defaultdict(list)
    by_our_unit: dict[int, list[int]] = defaultdict(list)
    rows = (
        m.Relationship.objects.filter(status=m.RelationshipStatus.ACTIVE)
        .order_by("pk")
        .values_list(*REL_COLUMNS)
    )
    for row in rows.iterator(chunk_size=CHUNK):
        rel = Rel(*row)
        rel.cadence_days = float(rel.cadence_days) if rel.cadence_days else None
        rel.our_side = names.get(
            f"person:{rel.our_person}" if rel.our_person else f"unit:{rel.our_unit}", ""
        )
        rel.counterpart = (
            names.get(f"person:{rel.cp_person}", "")
            if rel.cp_person
            else names.get(f"unit:{rel.cp_unit}", "")
            if rel.cp_unit
            else names.get(f"organization:{rel.cp_org}", "")
        )
        rels[rel.id] = rel
        if rel.our_person is not None:
            by_our_person[rel.our_person].append(rel.id)
        else:
            by_our_unit[rel.our_unit].append(rel.id)  # type: ignore[index]
    world = World(
        as_of=as_of,
        tree=tree,
        person_unit=person_unit,
        person_org=person_org,
        names=names,
        rels=rels,
        by_our_person=by_our_person,
        by_our_unit=by_our_unit,
        last_two_way={},
        figures={},
        feedback=defaultdict(list),
        unseen=defaultdict(list),
        reviews={},
        promises_made=defaultdict(list),
        promises_to=defaultdict(list),
        on_relationship=defaultdict(list),
        proposals=[],
    )
    world.last_two_way = last_two_way_contacts(world)
    world.figures = _figures()
    _read_feedback(world)
    _read_reviews(world)
    _read_commitments(world)
    _read_proposals(world)
    return world


# The last two-way contact of each relationship, from the pair figures.


def _pairs_last_two_way() -> pl.DataFrame:
    """Every pair with a two-way contact: (a, b, t in µs), in chunks of the cursor."""
    table = connection.ops.quote_name(PairFigures._meta.db_table)
    if connection.vendor == "postgresql":
        t = "CAST(EXTRACT(EPOCH FROM last_two_way) * 1000000 AS BIGINT)"
    else:
        t = "CAST(last_two_way AS TEXT)"
    schema = {
        "a": pl.Int64,
        "b": pl.Int64,
        "t": pl.Int64 if connection.vendor != "sqlite" else pl.String,
    }
    frames = []
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT person_a, person_b, {t} FROM {table} WHERE last_two_way IS NOT NULL"
        )
        while rows := cursor.fetchmany(200_000):
            frames.append(pl.DataFrame(rows, schema=schema, orient="row"))
    frame = pl.concat(frames) if frames else pl.DataFrame(schema=schema)
    if connection.vendor == "sqlite":
        frame = frame.with_columns(
            pl.col("t")
            .str.slice(0, 26)
            .str.to_datetime("%Y-%m-%d %H:%M:%S%.f", time_unit="us", strict=False)
            .dt.epoch("us")
        )
    return frame


def _from_micros(us: int) -> dt.datetime:
    return dt.datetime(1970, 1, 1, tzinfo=dt.UTC) + dt.timedelta(microseconds=us)


def last_two_way_contacts(world: World) -> dict[int, dt.datetime]:
    """Per relationship: the latest two-way contact between a person of our side and one of
    theirs, the maximum of `PairFigures.last_two_way` over the pairs that cross the sides
    (the engine's `attention_between` over `interactions_between`, the same rule: meaningful,
    and synchronous or answered)."""
    found: dict[int, dt.datetime] = {}
    # Both people may keep a relationship with the other: one pair, two relationships.
    person_to_person: dict[int, list[int]] = defaultdict(list)
    for r in world.rels.values():
        if r.our_person is not None and r.cp_person is not None and r.our_person != r.cp_person:
            a, b = sorted((r.our_person, r.cp_person))
            person_to_person[pair_key(a, b)].append(r.id)
    keys = sorted(person_to_person)
    for start in range(0, len(keys), 20_000):
        rows = read_where_in(
            PairFigures,
            {"pair_key": pl.Int64, "last_two_way": pl.Int64},
            "pair_key",
            keys[start : start + 20_000],
            datetime_columns=["last_two_way"],
        )
        for key, t in rows.iter_rows():
            if t is not None:
                found.update((rel, _from_micros(t)) for rel in person_to_person[key])
    wide = [r for r in world.rels.values() if r.our_person is None or r.cp_person is None]
    if wide:
        found.update(_wide_sides(world, wide))
    return found


def _wide_sides(world: World, rels: list[Rel]) -> dict[int, dt.datetime]:
    """Relationships with a unit or an organization on a side: the pairs' contacts rolled up
    to (our person or unit, their person, unit or organization) in Polars, then matched to
    each relationship's sides (units with the units below them; a person on both sides is
    ours)."""
    pairs = _pairs_last_two_way()
    if pairs.height == 0:
        return {}
    directed = pl.concat([pairs, pairs.select(pl.col("b").alias("a"), pl.col("a").alias("b"), "t")])
    people = pl.DataFrame(
        {
            "p": list(world.person_unit),
            "unit": list(world.person_unit.values()),
            "org": [world.person_org[p] for p in world.person_unit],
        },
        schema={"p": pl.Int64, "unit": pl.Int64, "org": pl.Int64},
    )
    directed = directed.join(
        people.rename({"p": "a", "unit": "unit_a", "org": "org_a"}), on="a", how="left"
    ).join(people.rename({"p": "b", "unit": "unit_b", "org": "org_b"}), on="b", how="left")
    ours_rows: list[tuple[int, int]] = []  # (relationship, our unit) for unit-kept ones
    theirs_rows: list[tuple[int, int]] = []  # (relationship, their unit)
    for r in rels:
        if r.our_unit is not None:
            ours_rows += [(r.id, u) for u in world.subtree(r.our_unit)]
        if r.cp_unit is not None:
            theirs_rows += [(r.id, u) for u in world.subtree(r.cp_unit)]
    ours_units = pl.DataFrame(ours_rows, schema={"rel": pl.Int64, "u": pl.Int64}, orient="row")
    theirs_units = pl.DataFrame(theirs_rows, schema={"rel": pl.Int64, "u": pl.Int64}, orient="row")
    spec = pl.DataFrame(
        [(r.id, r.our_person, r.our_unit, r.cp_person, r.cp_unit, r.cp_org) for r in rels],
        schema={
            "rel": pl.Int64,
            "our_person": pl.Int64,
            "our_unit": pl.Int64,
            "cp_person": pl.Int64,
            "cp_unit": pl.Int64,
            "cp_org": pl.Int64,
        },
        orient="row",
    )
    # Our side: a unit (its people, by their unit) or a person.
    by_unit = spec.filter(pl.col("our_unit").is_not_null()).join(
        ours_units.rename({"u": "unit_a"}), on="rel"
    )
    by_person = spec.filter(pl.col("our_person").is_not_null()).with_columns(
        pl.col("our_person").alias("a")
    )
    # Rolled up before the joins: to (our unit, their unit, organization), and to their person
    # only where a relationship's counterpart is that person; likewise for our person.
    columns = ["rel", "cp_person", "cp_unit", "cp_org", "b", "unit_b", "org_b", "t"]
    counterparts = spec["cp_person"].drop_nulls().unique().implode()
    latest_t = pl.col("t").max()
    unit_to_unit = directed.group_by("unit_a", "unit_b", "org_b").agg(latest_t)
    unit_to_person = (
        directed.filter(pl.col("b").is_in(counterparts))
        .group_by("unit_a", "b", "unit_b", "org_b")
        .agg(latest_t)
    )
    mine = directed.filter(pl.col("a").is_in(by_person["a"].unique().implode()))
    person_to_unit = mine.group_by("a", "unit_b", "org_b").agg(latest_t)
    person_to_person = mine.filter(pl.col("b").is_in(counterparts))
    to_person = pl.col("cp_person").is_not_null()
    crossing = pl.concat(
        [
            by_unit.filter(~to_person)
            .join(unit_to_unit, on="unit_a")
            .with_columns(pl.lit(None, dtype=pl.Int64).alias("b"))
            .select(columns),
            by_unit.filter(to_person).join(unit_to_person, on="unit_a").select(columns),
            by_person.filter(~to_person)
            .join(person_to_unit, on="a")
            .with_columns(pl.lit(None, dtype=pl.Int64).alias("b"))
            .select(columns),
            by_person.filter(to_person).join(person_to_person, on="a").select(columns),
        ]
    )
    # Their side: the person, the unit's people (by unit), or the organization's people.
    in_their_unit = crossing.join(
        theirs_units.rename({"u": "unit_b"}), on=["rel", "unit_b"], how="semi"
    )
    theirs = pl.concat(
        [
            crossing.filter(
                pl.col("cp_person").is_not_null() & (pl.col("b") == pl.col("cp_person"))
            ),
            in_their_unit.filter(pl.col("cp_unit").is_not_null()),
            crossing.filter(pl.col("cp_org").is_not_null() & (pl.col("org_b") == pl.col("cp_org"))),
        ]
    )
    # Less our own people (a person on both sides is ours).
    theirs = theirs.join(ours_units.rename({"u": "unit_b"}), on=["rel", "unit_b"], how="anti")
    our_people = spec.filter(pl.col("our_person").is_not_null()).select(
        "rel", pl.col("our_person").alias("b")
    )
    theirs = theirs.join(our_people, on=["rel", "b"], how="anti")
    latest = theirs.group_by("rel").agg(pl.col("t").max())
    return {rel: _from_micros(t) for rel, t in latest.iter_rows()}


# The other per-relationship facts, one query each.


def _figures() -> dict[int, tuple[Any, ...]]:
    rows = RelationshipFigures.objects.values_list(
        "relationship_id",
        "health_score",
        "health_band",
        "trend",
        "trend_delta_30",
        "evidence_sufficient",
        "initiatives_without_measures",
    )
    return {row[0]: row[1:] for row in rows.iterator(chunk_size=CHUNK)}


def _read_feedback(world: World) -> None:
    as_of = world.as_of
    waiting = (
        m.FeedbackItem.objects.filter(
            received_at__lte=as_of, responded_at=None, loop_closed_at=None
        )
        .order_by("pk")
        .values_list("pk", "relationship_id", "from_person_id", "received_at")
    )
    for pk, rel_id, from_person, received_at in waiting.iterator(chunk_size=CHUNK):
        rel = world.rels.get(rel_id)
        if rel is None:
            continue
        who = world.name("person", from_person) if from_person else rel.counterpart
        world.feedback[rel_id].append(n.FeedbackFacts(pk, rel_id, who, received_at, False))
    closed = (
        m.FeedbackItem.objects.filter(
            loop_closed_at__isnull=False, loop_closed_at__lte=as_of, seen_closed_at=None
        )
        .filter(Q(reopened_at=None) | Q(reopened_at__lt=F("loop_closed_at")))
        .order_by("pk")
        .values_list("relationship_id", "pk", "loop_closed_at")
    )
    for rel_id, pk, closed_at in closed.iterator(chunk_size=CHUNK):
        world.unseen[rel_id].append((pk, closed_at))


def _read_reviews(world: World) -> None:
    held = (
        m.QualityReview.objects.filter(held_on__lte=world.as_of.date())
        .order_by("relationship_id", "-held_on", "-id")
        .values_list("relationship_id", "held_on", "next_review_due")
    )
    for rel_id, held_on, next_due in held.iterator(chunk_size=CHUNK):
        rel = world.rels.get(rel_id)
        if rel is None or rel_id in world.reviews:
            continue
        world.reviews[rel_id] = n.ReviewFacts(
            rel_id,
            rel.counterpart,
            dt.datetime.combine(held_on, dt.time(12), tzinfo=dt.UTC),
            _noon(next_due),
        )


def _read_commitments(world: World) -> None:
    """Live commitments (open, or closed with the outcome in question and recent): the
    per-user path's `_promises` filter, for everyone."""
    cfg = engine_settings()
    window = max(cfg.nudges.dispute_recent_days, cfg.reliability.claim_confirms_after_days)
    live = Q(state=m.CommitmentState.OPEN) | (
        ~Q(confirmation=m.Confirmation.CONFIRMED)
        & Q(closed_at__gte=world.as_of - dt.timedelta(days=window))
    )
    rows = (
        m.Commitment.objects.filter(live, made_at__lte=world.as_of)
        .only(
            "pk",
            "what",
            "due_at",
            "state",
            "confirmation",
            "closed_at",
            "confirmation_at",
            "promisor_id",
            "promisee_id",
            "relationship_id",
        )
        .order_by("due_at", "pk")
    )
    for c in rows.iterator(chunk_size=CHUNK):
        world.promises_made[c.promisor_id].append(c)
        if c.promisee_id is not None:
            world.promises_to[c.promisee_id].append(c)
        if c.relationship_id is not None:
            world.on_relationship[c.relationship_id].append(c)


def _read_proposals(world: World) -> None:
    from trustledger.promises.models import ProposalState, ProposedPromise

    awaiting = ProposedPromise.objects.filter(state=ProposalState.PROPOSED).values_list(
        "promisor_id", "promisor__unit_id"
    )
    world.proposals = list(awaiting.iterator(chunk_size=CHUNK))


# Per user: the same choices as gather.py, on the world read once.


def kept(world: World, scope: Scope) -> list[Rel]:
    """`gather.kept_relationships`: the person's own and the managed units' own, active."""
    ids: set[int] = set()
    if scope.person_id is not None:
        ids.update(world.by_our_person.get(scope.person_id, ()))
    if not scope.is_admin:
        for unit in scope.managed_unit_ids:
            ids.update(world.by_our_unit.get(unit, ()))
    return [world.rels[pk] for pk in sorted(ids)]


def _reads(world: World, scope: Scope, rel: Rel) -> bool:
    """`Scope.relationships()` holds it (the serving side's reach)."""
    if scope.is_admin:
        return True
    units = scope.readable_unit_ids
    if rel.our_unit is not None and (
        rel.our_unit in units or rel.our_unit in scope.member_unit_ids
    ):
        return True
    if rel.our_person is not None:
        if rel.our_person == scope.person_id:
            return True
        return world.person_unit.get(rel.our_person) in units
    return False


def _stands_on_their_side(world: World, scope: Scope, rel: Rel) -> bool:
    """`Scope.their_relationships()` holds it (any status; never one the user reads)."""
    if scope.is_admin:
        return False
    theirs = (
        (rel.cp_unit is not None and rel.cp_unit in scope.their_unit_ids)
        or (
            rel.cp_person is not None
            and world.person_unit.get(rel.cp_person) in scope.readable_unit_ids
        )
        or (rel.cp_org is not None and rel.cp_org in scope.organization_ids)
        or (scope.person_id is not None and rel.cp_person == scope.person_id)
    )
    return theirs and not _reads(world, scope, rel)


def _on_their_side_relationships(world: World, scope: Scope) -> list[int]:
    """The relationships with live commitments that the user stands on the other side of:
    the candidates by the counterpart's index (`World.theirs_index`), then the rule."""
    if scope.is_admin:
        return []
    index = world.theirs_index()
    found: set[int] = set()
    for unit in scope.their_unit_ids:
        found.update(index.get(("unit", unit), ()))
    for unit in scope.readable_unit_ids:
        found.update(index.get(("person_unit", unit), ()))
    for org in scope.organization_ids:
        found.update(index.get(("organization", org), ()))
    if scope.person_id is not None:
        found.update(index.get(("person", scope.person_id), ()))
    return sorted(pk for pk in found if _stands_on_their_side(world, scope, world.rels[pk]))


def promises(world: World, scope: Scope, theirs: Iterable[int]) -> list[n.PromiseFacts]:
    found: list[n.PromiseFacts] = []
    me = scope.person_id
    their_ids = set(theirs)
    if me is not None:
        for c in world.promises_made.get(me, ()):
            found.append(
                promise_facts(
                    c,
                    n.PromiseSide.TO_KEEP,
                    world.name("person", c.promisee_id),
                    f"person:{c.promisee_id}",
                )
            )
        for c in world.promises_to.get(me, ()):
            if c.relationship_id in their_ids or _their_inactive(world, scope, c.relationship_id):
                continue
            found.append(
                promise_facts(
                    c,
                    n.PromiseSide.OWED,
                    world.name("person", c.promisor_id),
                    f"person:{c.promisor_id}",
                )
            )
    rows = [c for rel_id in their_ids for c in world.on_relationship[rel_id]]
    for c in sorted(rows, key=lambda c: (c.due_at, c.pk)):
        rel = world.rels[c.relationship_id]
        if world.in_theirs(rel, c.promisor_id):
            continue  # made by the user's side: the promisor is nudged, not the whole side
        owner = f"unit:{rel.our_unit}" if rel.our_unit else f"person:{rel.our_person}"
        found.append(promise_facts(c, n.PromiseSide.OWED, rel.our_side, owner))
    return found


def _their_inactive(world: World, scope: Scope, rel_id: int | None) -> bool:
    """A promise owed on a relationship the user stands on the other side of that is not
    active: `their_relationships()` holds it whatever its status (the per-user path excludes
    it from "made to me"), and the batch read only active relationships."""
    if rel_id is None or rel_id in world.rels:
        return False
    return rel_id in world.inactive_theirs.get(scope.user_id or 0, ())


def relationship_facts(world: World, rels: list[Rel]) -> list[n.RelationshipFacts]:
    return [
        n.RelationshipFacts(
            id=r.id,
            counterpart=r.counterpart,
            level=ServiceLevel(r.level),
            last_two_way_contact=world.last_two_way.get(r.id),
            started_at=_noon(r.started_on),
            cadence_days=r.cadence_days,
            counterpart_person_id=r.cp_person,
        )
        for r in rels
    ]


def signals(world: World, rels: list[Rel]) -> list[n.SignalFacts]:
    found = []
    for r in rels:
        score, band, trend, delta_30, sufficient, missing = world.figures.get(
            r.id, (None, "", "", None, False, [])
        )
        found.append(
            n.SignalFacts(
                relationship_id=r.id,
                counterpart=r.counterpart,
                health=score,
                band=band or None,
                trend=trend or None,
                delta_30=delta_30,
                sufficient=bool(sufficient),
                answers_unseen=tuple(world.unseen.get(r.id, ())),
                initiatives_without_measures=tuple(missing or ()),
            )
        )
    return found


def promises_found(world: World, scope: Scope) -> int:
    """`promises.rows.awaiting(scope)`: proposals by the person or by a managed unit's people."""
    if scope.is_admin:
        return len(world.proposals)
    if scope.person_id is None and not scope.managed_unit_ids:
        return 0
    by_person, by_unit = world.proposals_counted()
    mine = by_person.get(scope.person_id, 0)
    # Less the person's own in a unit they manage: counted once, as `awaiting` counts rows.
    own_unit = world.person_unit.get(scope.person_id) if scope.person_id is not None else None
    if own_unit in scope.managed_unit_ids:
        mine = 0
    return mine + sum(by_unit.get(unit, 0) for unit in scope.managed_unit_ids)


def team_promises(world: World, scope: Scope) -> list[n.TeamPromiseFacts]:
    """The per-user path's `gather._team_promises`: open promises past due made by the people
    of the units the user manages, their own excepted."""
    if not scope.managed_unit_ids:
        return []
    if not world.people_by_unit:
        for person, unit in world.person_unit.items():
            if unit is not None:
                world.people_by_unit[unit].append(person)
    found = []
    for unit in scope.managed_unit_ids:
        for person in world.people_by_unit.get(unit, ()):
            if person == scope.person_id:
                continue
            for c in world.promises_made.get(person, ()):
                if c.state == m.CommitmentState.OPEN and c.due_at < world.as_of:
                    found.append(
                        n.TeamPromiseFacts(
                            unit_id=unit,
                            unit=world.names.get(f"unit:{unit}", ""),
                            promise_id=c.pk,
                            promisor=world.names.get(f"person:{person}", ""),
                            what=c.what,
                            due_at=c.due_at,
                        )
                    )
    found.sort(key=lambda p: (p.due_at, p.promise_id))
    return found


def facts_of(world: World, user_id: int, scope: Scope, unit_facts: UnitFacts) -> n.NudgeFacts:
    rels = kept(world, scope)
    ids = [r.id for r in rels]
    return n.NudgeFacts(
        for_id=user_id,
        relationships=tuple(relationship_facts(world, rels)),
        promises=tuple(promises(world, scope, _on_their_side_relationships(world, scope))),
        feedback=tuple(f for pk in ids for f in world.feedback.get(pk, ())),
        reviews=tuple(world.reviews[pk] for pk in ids if pk in world.reviews),
        promises_found=promises_found(world, scope),
        signals=tuple(signals(world, rels)),
        blind_spots=unit_facts.blind_spots(scope),
        surveys=unit_facts.surveys(scope),
        team_promises=tuple(team_promises(world, scope)),
    )


class UnitFacts:
    """Blind spots per managed unit and surveys ready per recent campaign: each read once
    for all users, by the per-user path's own functions (`gather._blind_spots`, `_surveys`)."""

    def __init__(self, as_of: dt.datetime) -> None:
        from trustledger.surveys.models import Campaign, CampaignStatus

        self.as_of = as_of
        self._units: dict[int, tuple[n.BlindSpotFacts, ...]] = {}
        window = dt.timedelta(days=engine_settings().nudges.survey_ready_days)
        recent = Campaign.objects.filter(
            status=CampaignStatus.CLOSED, closed_at__lte=as_of, closed_at__gte=as_of - window
        ).order_by("pk")
        self._campaigns = list(recent)
        self._ready: dict[int, n.SurveyFacts | None] = {}

    def blind_spots(self, scope: Scope) -> tuple[n.BlindSpotFacts, ...]:
        from trustledger.nudges.gather import blind_spots_of

        found: list[n.BlindSpotFacts] = []
        for unit in sorted(scope.managed_unit_ids):
            if unit not in self._units:
                self._units[unit] = tuple(blind_spots_of(unit, self.as_of))
            found += self._units[unit]
        return tuple(found)

    def surveys(self, scope: Scope) -> tuple[n.SurveyFacts, ...]:
        from trustledger.nudges.gather import survey_ready

        found = []
        for campaign in self._campaigns:
            about = campaign.subject_unit_id in scope.managed_unit_ids or (
                scope.person_id is not None and campaign.subject_person_id == scope.person_id
            )
            if not about:
                continue
            if campaign.pk not in self._ready:
                self._ready[campaign.pk] = survey_ready(campaign, self.as_of)
            ready = self._ready[campaign.pk]
            if ready is not None:
                found.append(ready)
        return tuple(found)


def everyones_facts(
    as_of: dt.datetime, users: Iterable[User] | None = None
) -> Iterator[tuple[int, n.NudgeFacts]]:
    """(user id, facts) for each user (every active user by default), in user id order."""
    chosen = list(User.objects.filter(is_active=True).order_by("pk") if users is None else users)
    scopes = scopes_in_bulk(chosen)
    world = read_world(as_of)
    inactive_theirs(world, chosen, scopes)
    units = UnitFacts(as_of)
    for user in chosen:
        yield user.pk, facts_of(world, user.pk, scopes[user.pk], units)


def inactive_theirs(world: World, users: list[User], scopes: dict[int, Scope]) -> None:
    """Promises made to a user on a relationship that is not active are left out of "made to
    me" when the user stands on its other side (the per-user path's exclusion)."""
    wanted = {
        c.relationship_id
        for made in world.promises_to.values()
        for c in made
        if c.relationship_id is not None and c.relationship_id not in world.rels
    }
    if not wanted:
        return
    rows = m.Relationship.objects.filter(pk__in=sorted(wanted)).values_list(*REL_COLUMNS)
    others = [Rel(*row) for row in rows]
    for user in users:
        scope = scopes[user.pk]
        hit = {r.id for r in others if _stands_on_their_side(world, scope, r)}
        if hit:
            world.inactive_theirs[user.pk] = hit


def figures_cover_everything() -> bool:
    """Does every active relationship have its figures (a recompute ran since it was made)?
    Jobs use the batch only then; else each user's own path (`gather.nudges_for`)."""
    figured = RelationshipFigures.objects.values("relationship_id")
    active = m.Relationship.objects.filter(status=m.RelationshipStatus.ACTIVE)
    return not active.exclude(pk__in=figured).exists()


def everyones_nudges(
    as_of: dt.datetime, users: Iterable[User] | None = None
) -> Iterator[tuple[int, tuple[n.Nudge, ...]]]:
    """(user id, nudges) for each user: `everyones_facts` through the pure core."""
    cfg = engine_settings()
    for user_id, facts in everyones_facts(as_of, users):
        yield user_id, n.nudges(facts, as_of=as_of, settings=cfg)
