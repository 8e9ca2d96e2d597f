"""The generated organization as columns: pure, vectorised and deterministic for a seed.

No Django and no I/O here. Every random column comes from `pyarrow.compute.random` with an
initializer derived from (seed, stream name, chunk), so a seed gives the same organization
and the same events whatever else runs. Rows are numbered from 0 ("indexes"); the writer
turns indexes into database ids by adding the block it reserved.

Events are drawn in chunks (`event_chunks`) so memory stays flat in the number of events.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections.abc import Iterator
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import polars as pl
import pyarrow.compute as pc

from trustledger.generate import vocabulary as vocab

CHUNK_EVENTS = 500_000

# Contacts: most inside one's own team, some in the department, few elsewhere.
CONTACT_MIX = {"team": 0.72, "department": 0.18, "organization": 0.10}
MEAN_CONTACTS = 20.0
PAIR_PARETO_ALPHA = 1.15  # weight of a pair ~ Pareto(alpha): a few pairs carry most traffic
BROADCAST_SHARE = 0.02
BROADCAST_MEAN_EXTRA = 15.0
CHANNELS = ("email", "chat", "meeting", "call", "in_person", "other")
CHANNEL_MIX = (0.40, 0.25, 0.15, 0.12, 0.06, 0.02)
SYNCHRONOUS = ("meeting", "call", "in_person")
FOCUSES = ("theirs", "ours", "shared", "unknown")
FOCUS_MIX = (0.3, 0.3, 0.25, 0.15)
# Monday..Sunday, and the hour of day in the initiator's local time.
WEEKDAY_WEIGHT = (1.0, 1.05, 1.05, 1.0, 0.85, 0.05, 0.03)
HOUR_WEIGHT = (0.02, 0.01, 0.01, 0.01, 0.01, 0.02, 0.05, 0.3, 1.2, 2.0, 2.2, 2.0) + (
    1.2,
    1.3,
    2.0,
    2.1,
    1.9,
    1.4,
    0.6,
    0.3,
    0.2,
    0.15,
    0.1,
    0.05,
)
MEETING_MINUTES = (15, 30, 30, 30, 45, 60, 60, 90)
IN_PERSON_MINUTES = (10, 15, 30, 30, 45, 60, 120)
TOWN_HALL_MINUTES = (30, 45, 60, 60, 90)


@dataclass(frozen=True)
class Shape:
    people: int
    units: int
    events: int
    seed: int
    until: dt.date  # the last day with events (exclusive end: midnight after it, UTC)
    days: int = 365
    chunk_events: int = CHUNK_EVENTS

    @property
    def departments(self) -> int:
        return 1 if self.units == 1 else max(1, round(self.units / 10))

    @property
    def teams(self) -> int:
        return self.units - self.departments if self.units > 1 else 0

    @property
    def first_day(self) -> dt.date:
        return self.until - dt.timedelta(days=self.days - 1)


def uniform(seed: int, stream: str, n: int, chunk: int = 0) -> pl.Series:
    """n uniforms in [0, 1), the same for the same (seed, stream, chunk)."""
    digest = hashlib.blake2b(f"{seed}/{stream}/{chunk}".encode(), digest_size=8).digest()
    initializer = int.from_bytes(digest, "little") & (2**63 - 1)
    return pl.Series(stream, pc.random(n, initializer=initializer))


def pick(u: pl.Expr | pl.Series, weights: tuple[float, ...]) -> pl.Expr:
    """Index drawn from `weights` by inverse CDF of the uniform u."""
    total = sum(weights)
    cuts: list[float] = []
    acc = 0.0
    for w in weights[:-1]:
        acc += w / total
        cuts.append(acc)
    u = pl.lit(u) if isinstance(u, pl.Series) else u
    expr: pl.Expr = pl.lit(len(weights) - 1, dtype=pl.Int32)
    for i in reversed(range(len(cuts))):
        expr = pl.when(u < cuts[i]).then(pl.lit(i, dtype=pl.Int32)).otherwise(expr)
    return expr


def choose(index: pl.Expr, values: tuple[object, ...]) -> pl.Expr:
    return pl.lit(pl.Series(values)).gather(index)


# ---- the organization: units and people -------------------------------------------------


def units_frame(shape: Shape) -> pl.DataFrame:
    """Departments first (no parent), then their teams; a team's parent is its department."""
    d, t = shape.departments, shape.teams
    zone = pl.DataFrame({"u": uniform(shape.seed, "department-zone", d)}).select(
        pick(pl.col("u"), tuple(w for *_, w in vocab.ZONES))
    )
    departments = pl.DataFrame(
        {
            "index": pl.int_range(0, d, eager=True),
            "name": [vocab.department_name(i) for i in range(d)],
            "kind": ["department"] * d,
            "parent": pl.Series([None] * d, dtype=pl.Int64),
            "department": pl.int_range(0, d, eager=True),
            "zone": zone.to_series(),
        }
    )
    if t == 0:
        return departments
    team_dept = [i * d // t for i in range(t)]
    ordinal = [0] * t
    for i in range(1, t):
        ordinal[i] = ordinal[i - 1] + 1 if team_dept[i] == team_dept[i - 1] else 0
    teams = pl.DataFrame(
        {
            "index": pl.int_range(d, d + t, eager=True),
            "name": [
                f"{vocab.department_name(team_dept[i])} – {vocab.team_name(ordinal[i])}"
                for i in range(t)
            ],
            "kind": ["team"] * t,
            "parent": pl.Series(team_dept, dtype=pl.Int64),
            "department": pl.Series(team_dept, dtype=pl.Int64),
        }
    ).with_columns(zone=pl.lit(zone.to_series()).gather(pl.col("parent")))
    return pl.concat([departments, teams])


def people_frame(shape: Shape, domain: str) -> pl.DataFrame:
    """People sorted by unit, so a team and a department are each a contiguous index range."""
    units = units_frame(shape)
    homes = units.filter(pl.col("kind") == "team") if shape.teams else units
    n_homes = homes.height
    # Team sizes vary (weights ~ u^-0.4); every team gets at least one person.
    size_weight = uniform(shape.seed, "team-size", n_homes) ** -0.4
    cum = (size_weight / size_weight.sum()).cum_sum()
    extra = shape.people - n_homes
    drawn = cum.search_sorted(uniform(shape.seed, "person-team", extra), side="right")
    home_pos = pl.concat([pl.int_range(0, n_homes, eager=True), drawn.cast(pl.Int64)]).clip(
        0, n_homes - 1
    )
    n = shape.people
    given = uniform(shape.seed, "given-name", n)
    family = uniform(shape.seed, "family-name", n)
    title = uniform(shape.seed, "title", n)
    prefer = uniform(shape.seed, "preferred-channels", n)
    people = (
        pl.DataFrame({"home": home_pos, "given_u": given, "family_u": family})
        .sort("home", maintain_order=True)
        .with_columns(
            index=pl.int_range(0, n),
            unit=pl.lit(homes["index"]).gather(pl.col("home")),
            department=pl.lit(homes["department"]).gather(pl.col("home")),
            zone=pl.lit(homes["zone"]).gather(pl.col("home")),
            given_name=choose((pl.col("given_u") * len(vocab.GIVEN)).cast(pl.Int32), vocab.GIVEN),
            family_name=choose(
                (pl.col("family_u") * len(vocab.FAMILY)).cast(pl.Int32), vocab.FAMILY
            ),
            title=choose((pl.lit(title) * len(vocab.TITLES)).cast(pl.Int32), vocab.TITLES),
            preferred_channels=choose(
                (pl.lit(prefer) * len(vocab.PREFERENCES)).cast(pl.Int32), vocab.PREFERENCES
            ),
        )
    )
    zones = vocab.ZONES
    return people.with_columns(
        display_name=pl.col("given_name") + " " + pl.col("family_name"),
        time_zone=choose(pl.col("zone"), tuple(z for z, *_ in zones)),
        country=choose(pl.col("zone"), tuple(c for _, c, *_ in zones)),
        language=choose(pl.col("zone"), tuple(lang for _, _, lang, _ in zones)),
        email=(
            pl.col("given_name").str.to_lowercase()
            + "."
            + pl.col("family_name").str.to_lowercase().str.replace_all(r"[^a-z]", "")
            + "."
            + pl.col("index").cast(pl.String)
            + "@"
            + domain
        ),
    ).with_columns(
        team_start=pl.col("index").min().over("unit"),
        team_size=pl.len().over("unit"),
        dept_start=pl.col("index").min().over("department"),
        dept_size=pl.len().over("department"),
    )


# ---- who talks to whom: pairs with heavy-tailed weights ---------------------------------


def _other_in_range(pos: pl.Expr, start: pl.Expr, size: pl.Expr, u: pl.Expr) -> pl.Expr:
    """A uniformly drawn member of [start, start+size) other than the one at `pos`."""
    offset = 1 + (u * (size - 1)).floor().cast(pl.Int64)
    return start + (pos - start + offset) % size


def pairs_frame(shape: Shape, people: pl.DataFrame) -> pl.DataFrame:
    """Unordered pairs (a < b) with a Pareto weight, direction, channel habits, answer rate."""
    n = shape.people
    # Contacts per person: 4 + Pareto(2.5) scaled to the mean, capped by the organization.
    deg_u = uniform(shape.seed, "degree", n)
    scale = (MEAN_CONTACTS - 4) / (2.5 / 1.5)
    degree = (4 + scale * deg_u ** (-1 / 2.5)).floor().clip(1, max(1, min(n - 1, 400)))
    contacts = (
        people.select("index", "team_start", "team_size", "dept_start", "dept_size")
        .with_columns(degree=degree.cast(pl.Int64))
        .with_columns(k=pl.int_ranges(0, pl.col("degree")))
        .explode("k")
        .drop("k", "degree")
    )
    m = contacts.height
    kind_u = uniform(shape.seed, "contact-kind", m)
    who_u = uniform(shape.seed, "contact-who", m)
    team_cut = CONTACT_MIX["team"]
    dept_cut = team_cut + CONTACT_MIX["department"]
    i = pl.col("index")
    contacts = contacts.with_columns(kind_u=kind_u, who_u=who_u).with_columns(
        other=pl.when((pl.col("kind_u") < team_cut) & (pl.col("team_size") > 1))
        .then(_other_in_range(i, pl.col("team_start"), pl.col("team_size"), pl.col("who_u")))
        .when((pl.col("kind_u") < dept_cut) & (pl.col("dept_size") > 1))
        .then(_other_in_range(i, pl.col("dept_start"), pl.col("dept_size"), pl.col("who_u")))
        .otherwise(_other_in_range(i, pl.lit(0), pl.lit(n), pl.col("who_u")))
    )
    pairs = (
        contacts.select(a=pl.min_horizontal(i, "other"), b=pl.max_horizontal(i, "other"))
        .unique(maintain_order=True)
        .sort("a", "b")
    )
    p = pairs.height
    weight = uniform(shape.seed, "pair-weight", p) ** (-1 / PAIR_PARETO_ALPHA)
    return pairs.with_columns(
        cum_weight=weight.cum_sum(),
        # Share of the pair's interactions that a starts: from 0.15 to 0.85.
        a_starts=0.15 + 0.7 * uniform(shape.seed, "pair-direction", p),
        first_channel=pick(uniform(shape.seed, "pair-channel-1", p), CHANNEL_MIX),
        second_channel=pick(uniform(shape.seed, "pair-channel-2", p), CHANNEL_MIX),
        answer_rate=0.35 + 0.6 * uniform(shape.seed, "pair-answers", p) ** 0.5,
    )


# ---- time: weekday and working-hour rhythm, in the initiator's time zone -----------------


def day_weights(shape: Shape) -> list[float]:
    return [
        WEEKDAY_WEIGHT[(shape.first_day + dt.timedelta(days=d)).weekday()]
        for d in range(shape.days)
    ]


def utc_offsets(shape: Shape) -> list[int]:
    """Offset in seconds of each zone on each day (at local noon), flat: zone * days + day."""
    offsets: list[int] = []
    for zone_name, *_ in vocab.ZONES:
        zone = ZoneInfo(zone_name)
        for d in range(shape.days):
            day = shape.first_day + dt.timedelta(days=d)
            noon = dt.datetime(day.year, day.month, day.day, 12, tzinfo=zone)
            offset = noon.utcoffset()
            offsets.append(int(offset.total_seconds()) if offset else 0)
    return offsets


@dataclass(frozen=True)
class World:
    """What every chunk of events draws from."""

    shape: Shape
    people: pl.DataFrame
    pairs: pl.DataFrame
    day_cum: pl.Series
    offsets: pl.Series
    epoch0: int  # first day, 00:00 UTC, in seconds since 1970


def world(shape: Shape, domain: str) -> World:
    people = people_frame(shape, domain)
    pairs = pairs_frame(shape, people)
    weights = pl.Series(day_weights(shape))
    first = shape.first_day
    epoch0 = int(dt.datetime(first.year, first.month, first.day, tzinfo=dt.UTC).timestamp())
    return World(
        shape=shape,
        people=people,
        pairs=pairs,
        day_cum=(weights / weights.sum()).cum_sum(),
        offsets=pl.Series(utc_offsets(shape), dtype=pl.Int64),
        epoch0=epoch0,
    )


# ---- events, chunk by chunk -------------------------------------------------------------


@dataclass(frozen=True)
class Chunk:
    number: int
    interactions: pl.DataFrame  # index, occurred_at (epoch s), channel, duration, initiator, ...
    participants: pl.DataFrame  # interaction, person, role, occurred_at


def event_chunks(w: World) -> Iterator[Chunk]:
    shape = w.shape
    for number, start in enumerate(range(0, shape.events, shape.chunk_events)):
        n = min(shape.chunk_events, shape.events - start)
        yield chunk(w, number, start, n)


def chunk(w: World, number: int, start: int, n: int) -> Chunk:
    seed = w.shape.seed

    def u(stream: str) -> pl.Series:
        return uniform(seed, stream, n, number)

    pairs, people = w.pairs, w.people
    total = pairs["cum_weight"][-1]
    pair = (
        pairs["cum_weight"].search_sorted(u("pair") * total, side="right").clip(0, pairs.height - 1)
    )
    ev = pairs[pair].select("a", "b", "a_starts", "first_channel", "second_channel", "answer_rate")
    for name in [
        "direction",
        "broadcast",
        "channel-habit",
        "channel-any",
        "day",
        "hour",
        "minute",
        "second",
        "duration",
        "answered",
        "latency",
        "focus",
        "extras",
        "extra-count",
    ]:
        ev = ev.with_columns(u(name).alias(name))
    a_first = pl.col("direction") < pl.col("a_starts")
    ev = ev.with_columns(
        initiator=pl.when(a_first).then("a").otherwise("b"),
        other=pl.when(a_first).then("b").otherwise("a"),
    )
    facts = people.select("zone", "team_start", "team_size", "dept_start", "dept_size")[
        ev["initiator"]
    ]
    ev = ev.with_columns(facts)
    ev = ev.with_columns(
        is_broadcast=(pl.col("broadcast") < BROADCAST_SHARE) & (pl.col("dept_size") > 2)
    )
    habit = pl.col("channel-habit")
    regular = (
        pl.when(habit < 0.6)
        .then(pl.col("first_channel"))
        .when(habit < 0.85)
        .then(pl.col("second_channel"))
        .otherwise(pick(pl.col("channel-any"), CHANNEL_MIX))
    )
    broadcast_channel = pl.when(pl.col("channel-any") < 0.7).then(0).otherwise(2)  # email|meeting
    ev = ev.with_columns(
        channel_i=pl.when(pl.col("is_broadcast")).then(broadcast_channel).otherwise(regular)
    ).with_columns(channel=choose(pl.col("channel_i"), CHANNELS))
    ch = pl.col("channel")

    # Time: a day by the weekday rhythm, an hour by the working day, local to the initiator.
    day = w.day_cum.search_sorted(ev["day"], side="right").clip(0, w.shape.days - 1)
    hour = pick(pl.col("hour"), HOUR_WEIGHT)
    synchronous = ch.is_in(SYNCHRONOUS)
    minute = (
        pl.when(synchronous)
        .then((pl.col("minute") * 4).floor() * 15)
        .otherwise((pl.col("minute") * 60).floor())
    )
    second = pl.when(synchronous).then(0).otherwise((pl.col("second") * 60).floor())
    ev = ev.with_columns(day=day).with_columns(
        occurred_at=(
            w.epoch0
            + pl.col("day") * 86_400
            + hour.cast(pl.Int64) * 3600
            + minute.cast(pl.Int64) * 60
            + second.cast(pl.Int64)
            - pl.lit(w.offsets).gather(pl.col("zone") * w.shape.days + pl.col("day"))
        )
    )

    du = pl.col("duration")
    duration = (
        pl.when(pl.col("is_broadcast") & (ch == "meeting"))
        .then(choose((du * len(TOWN_HALL_MINUTES)).cast(pl.Int32), TOWN_HALL_MINUTES))
        .when(ch == "meeting")
        .then(choose((du * len(MEETING_MINUTES)).cast(pl.Int32), MEETING_MINUTES))
        .when(ch == "in_person")
        .then(choose((du * len(IN_PERSON_MINUTES)).cast(pl.Int32), IN_PERSON_MINUTES))
        .when(ch == "call")
        .then(((2 - 12 * (1 - du).log()) * 10).round() / 10)
        .otherwise(None)
        .cast(pl.Float64)
    )
    au = pl.col("answered")
    answered = (
        pl.when(pl.col("is_broadcast"))
        .then(au < 0.05)
        .when(ch == "email")
        .then(au < pl.col("answer_rate"))
        .when(ch == "chat")
        .then(au < pl.col("answer_rate") + 0.15)
        .when(synchronous)
        .then(True)
        .otherwise(None)
    )
    lu = pl.col("latency")
    latency = (
        pl.when(answered & (ch == "email"))
        .then((-3 * 3600 * (1 - lu).log()).round())
        .when(answered & (ch == "chat"))
        .then((-600 * (1 - lu).log()).round())
        .otherwise(None)
        .cast(pl.Float64)
    )
    ev = ev.with_columns(
        duration_minutes=duration,
        answered_flag=answered,
        reply_latency_seconds=latency,
        focus=choose(pick(pl.col("focus"), FOCUS_MIX), FOCUSES),
    )
    ev = ev.sort("occurred_at", maintain_order=True).with_columns(
        index=pl.int_range(start, start + n, dtype=pl.Int64)
    )
    interactions = ev.select(
        "index",
        "occurred_at",
        "channel",
        "duration_minutes",
        "initiator",
        pl.col("answered_flag").alias("answered"),
        "reply_latency_seconds",
        "is_broadcast",
        "focus",
    )
    return Chunk(number, interactions, participants_of(ev))


def participants_of(ev: pl.DataFrame) -> pl.DataFrame:
    """The receiving side: the counterpart, a few cc's or attendees, or a broadcast's crowd."""
    ch = pl.col("channel")
    role = pl.when(ch.is_in(SYNCHRONOUS)).then(pl.lit("attendee")).otherwise(pl.lit("to"))
    base = ev.select(
        pl.col("index").alias("interaction"),
        "occurred_at",
        "initiator",
        "other",
        "is_broadcast",
        "channel",
        "extras",
        "extra-count",
        "team_start",
        "team_size",
        "dept_start",
        "dept_size",
    )
    main = base.filter(~pl.col("is_broadcast")).select(
        "interaction", pl.col("other").alias("person"), role.alias("role"), "occurred_at"
    )

    # cc's on an email (12 %) or extra attendees in a meeting (40 %), from the initiator's team,
    # taken circularly after the initiator and skipping the counterpart.
    other_pos = pl.col("other") - pl.col("team_start")
    other_in_team = (other_pos >= 0) & (other_pos < pl.col("team_size"))
    room = pl.col("team_size") - 1 - other_in_team.cast(pl.Int64)
    wanted = (
        pl.when((ch == "email") & (pl.col("extras") < 0.12))
        .then(1 + (pl.col("extra-count") * 2).floor())
        .when((ch == "meeting") & (pl.col("extras") < 0.4))
        .then(1 + (pl.col("extra-count") * 3).floor())
        .otherwise(0)
        .cast(pl.Int64)
    )
    extras = (
        base.filter(~pl.col("is_broadcast"))
        .with_columns(count=pl.min_horizontal(wanted, room).clip(0, None), in_team=other_in_team)
        .filter(pl.col("count") > 0)
        .with_columns(j=pl.int_ranges(1, pl.col("count") + 1))
        .explode("j")
        .with_columns(
            pos=pl.col("initiator") - pl.col("team_start"),
            gap=(pl.col("other") - pl.col("initiator")) % pl.col("team_size"),
        )
        .with_columns(
            step=pl.col("j") + (pl.col("in_team") & (pl.col("gap") <= pl.col("j"))).cast(pl.Int64)
        )
        .select(
            "interaction",
            (pl.col("team_start") + (pl.col("pos") + pl.col("step")) % pl.col("team_size")).alias(
                "person"
            ),
            pl.when(ch == "email").then(pl.lit("cc")).otherwise(pl.lit("attendee")).alias("role"),
            "occurred_at",
        )
    )

    # A broadcast reaches a run of the initiator's department (never the initiator).
    crowd = (5 + (-BROADCAST_MEAN_EXTRA * (1 - pl.col("extra-count")).log()).floor()).cast(pl.Int64)
    broadcasts = (
        base.filter(pl.col("is_broadcast"))
        .with_columns(count=pl.min_horizontal(crowd, pl.col("dept_size") - 1, pl.lit(200)))
        .with_columns(j=pl.int_ranges(1, pl.col("count") + 1))
        .explode("j")
        .select(
            "interaction",
            (
                pl.col("dept_start")
                + (pl.col("initiator") - pl.col("dept_start") + pl.col("j")) % pl.col("dept_size")
            ).alias("person"),
            role.alias("role"),
            "occurred_at",
        )
    )
    return pl.concat([main, extras, broadcasts]).sort("interaction", maintain_order=True)


def expected_share_of_top_pairs(alpha: float = PAIR_PARETO_ALPHA, top: float = 0.01) -> float:
    """Share of weight in the top fraction of a Pareto(alpha) population: top^(1 - 1/alpha)."""
    return math.pow(top, 1 - 1 / alpha)
