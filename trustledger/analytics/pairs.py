"""Pair figures for every pair of people at once, over a frame of edges. Pure: no Django.

An edge is one interaction seen between its initiator and one participant. Columns:
`key` (a << 32 | b, a < b), `ab` (the initiator is a), `t` (µs since the epoch, UTC),
`ch` (channel code, see CHANNELS), `minutes` (null when unknown), `answered`, `flagged`
(marked as a broadcast), `n` (the interaction's audience: its number of participants).

Every constant comes from the settings object; the rules are those of
`trustledger.domain.attention` (tests compare with its scalar functions pair by pair).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from trustledger.domain.attention import ATTENTION_FLOOR, duration_factor, interaction_weight
from trustledger.domain.records import Channel
from trustledger.domain.settings import AttentionSettings

CHANNELS: tuple[Channel, ...] = tuple(Channel)  # code i is CHANNELS[i]; bit i of a mask
CODE = {c.value: i for i, c in enumerate(CHANNELS)}
SYNCHRONOUS_CODES = [i for i, c in enumerate(CHANNELS) if c.is_synchronous]
US_PER_DAY = 86_400_000_000
BITS = {i: 1 << i for i in range(len(CHANNELS))}

EDGE_SCHEMA = {
    "interaction": pl.Int64,
    "key": pl.Int64,
    "ab": pl.Boolean,
    "t": pl.Int64,
    "ch": pl.Int8,
    "minutes": pl.Float64,
    "answered": pl.Boolean,
    "flagged": pl.Boolean,
    "n": pl.Int32,
}

# The additive parts kept in the pair state; the published figures derive from them.
STATE_COLUMNS = [
    "key",
    "count_ab",
    "count_ba",
    "meaningful",
    "mask",
    "minutes",
    "last",
    "last2",
    "att_ab",
    "att_ba",
    "msg_ab",
    "at_ab",
    "msg_ba",
    "at_ba",
    "as_of",
]


def empty_edges() -> pl.LazyFrame:
    return pl.DataFrame(schema=EDGE_SCHEMA).lazy()


def micros(when: dt.datetime) -> int:
    """µs since the epoch of an aware datetime (naive ones are taken as UTC)."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    delta = when - dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def pair_key(a: int, b: int) -> int:
    low, high = (a, b) if a < b else (b, a)
    return (low << 32) | high


@dataclass(frozen=True)
class Window:
    as_of: dt.datetime
    start: dt.datetime  # exclusive: the window is (start, as_of]

    @classmethod
    def ending(cls, as_of: dt.datetime, cfg: AttentionSettings) -> Window:
        return cls(as_of, as_of - dt.timedelta(days=cfg.window_days))


def channel_weight_lookup(cfg: AttentionSettings) -> list[float]:
    """Channel weights by code, read from the settings (through the core's own function)."""
    return [interaction_weight(c, None, cfg) for c in CHANNELS]


def duration_factor_expr(minutes: pl.Expr, cfg: AttentionSettings) -> pl.Expr:
    """`duration_factor()` over a column: 1 when unknown, 0 when not positive, else capped."""
    assert duration_factor(None) == 1.0  # the rule this expression follows for unknowns
    scaled = (minutes / cfg.duration_reference_minutes).pow(cfg.duration_exponent)
    return (
        pl.when(minutes.is_null())
        .then(1.0)
        .when(minutes <= 0)
        .then(0.0)
        .otherwise(pl.min_horizontal(scaled, pl.lit(cfg.max_duration_factor)))
    )


def edge_terms(window: Window, cfg: AttentionSettings) -> list[pl.Expr]:
    """Per-edge columns: synchronous, broadcast, meaningful, in window, decayed weight."""
    sync = pl.col("ch").is_in(SYNCHRONOUS_CODES)
    n = pl.col("n")
    broadcast = (
        pl.col("flagged")
        | (sync & (n + 1 > cfg.max_meeting_size))
        | (~sync & (n > cfg.max_message_recipients))
    )
    weights = pl.Series(channel_weight_lookup(cfg), dtype=pl.Float64)
    weight = pl.col("ch").replace_strict(
        list(range(len(weights))), weights, return_dtype=pl.Float64
    ) * duration_factor_expr(pl.col("minutes"), cfg)
    weight = pl.when(broadcast).then(weight * cfg.broadcast_weight).otherwise(weight)
    age_days = (micros(window.as_of) - pl.col("t")).cast(pl.Float64) / US_PER_DAY
    decay = pl.lit(2.0).pow(-age_days / cfg.half_life_days)
    return [
        sync.alias("sync"),
        broadcast.alias("bc"),
        (pl.col("t") > micros(window.start)).alias("win"),
        (weight * decay).alias("w"),
    ]


def pair_state(edges: pl.LazyFrame, window: Window, cfg: AttentionSettings) -> pl.LazyFrame:
    """The additive parts of every pair's figures as of `window.as_of` (one group-by).

    Every per-edge part is a plain column first, so the group-by runs only plain sums and
    maxima (Polars' fast path)."""
    ab, win, sync, bc, answered = (
        pl.col("ab"),
        pl.col("win"),
        pl.col("sync"),
        pl.col("bc"),
        pl.col("answered"),
    )
    message = win & ~sync
    at = message & (bc | ~answered)
    counts = {
        "count_ab": win & ab,
        "count_ba": win & ~ab,
        "meaningful": win & ~bc,
        "msg_ab": message & ab,
        "at_ab": at & ab,
        "msg_ba": message & ~ab,
        "at_ba": at & ~ab,
    }
    parts = [cond.cast(pl.Int32).alias(name) for name, cond in counts.items()]
    parts += [
        pl.when(win & ~bc)
        .then(pl.col("ch").replace_strict(BITS, return_dtype=pl.Int16))
        .otherwise(pl.lit(0, dtype=pl.Int16))
        .alias("mask"),
        pl.when(win).then(pl.col("minutes").fill_null(0.0)).otherwise(0.0).alias("minutes"),
        pl.col("t").alias("last"),
        pl.when(~bc & (sync | answered)).then(pl.col("t")).alias("last2"),
        pl.when(ab | sync).then(pl.col("w")).otherwise(0.0).alias("att_ab"),
        pl.when(~ab | sync).then(pl.col("w")).otherwise(0.0).alias("att_ba"),
    ]
    sums = [pl.col(name).sum() for name in counts] + [pl.col("minutes", "att_ab", "att_ba").sum()]
    return (
        edges.filter(pl.col("t") <= micros(window.as_of))
        .with_columns(edge_terms(window, cfg))
        .select("key", *parts)
        .group_by("key")
        .agg(*sums, pl.col("mask").bitwise_or(), pl.col("last", "last2").max())
        .with_columns(pl.lit(micros(window.as_of), dtype=pl.Int64).alias("as_of"))
        .select(STATE_COLUMNS)
    )


def combine(states: list[pl.DataFrame]) -> pl.DataFrame:
    """Pair states of disjoint sets of edges, as of the same time and window, as one: counts,
    minutes and attention add, masks OR, last contacts take the max."""
    if len(states) == 1:
        return states[0]
    add = ["count_ab", "count_ba", "meaningful", "minutes", "att_ab", "att_ba"]
    add += ["msg_ab", "at_ab", "msg_ba", "at_ba"]
    return (
        pl.concat(states)
        .group_by("key")
        .agg(
            pl.col(*add).sum(),
            pl.col("mask").bitwise_or(),
            pl.col("last", "last2").max(),
            pl.col("as_of").first(),
        )
        .select(STATE_COLUMNS)
    )


def roll(att: pl.Expr, from_us: pl.Expr, to_us: int, cfg: AttentionSettings) -> pl.Expr:
    """Attention stored at `from_us`, rolled forward to `to_us`: one multiplication."""
    days = (to_us - from_us).cast(pl.Float64) / US_PER_DAY
    return att * pl.lit(2.0).pow(-days / cfg.half_life_days)


def merge(
    old: pl.DataFrame, new: pl.DataFrame, as_of: dt.datetime, cfg: AttentionSettings
) -> pl.DataFrame:
    """Add the state of new edges (same window start) to the stored state of the same pairs.

    Returns the merged rows for the keys of `new` only, as of `as_of`."""
    to_us = micros(as_of)
    joined = new.join(old, on="key", how="left", suffix="_old")
    add = ["count_ab", "count_ba", "meaningful", "minutes", "msg_ab", "at_ab", "msg_ba", "at_ba"]
    prior_as_of = pl.col("as_of_old").fill_null(to_us)
    return joined.select(
        "key",
        *[(pl.col(c) + pl.col(f"{c}_old").fill_null(0)).alias(c) for c in add],
        (pl.col("mask") | pl.col("mask_old").fill_null(0)).alias("mask"),
        pl.max_horizontal("last", "last_old").alias("last"),
        pl.max_horizontal("last2", "last2_old").alias("last2"),
        *[
            (pl.col(c) + roll(pl.col(f"{c}_old").fill_null(0.0), prior_as_of, to_us, cfg)).alias(c)
            for c in ("att_ab", "att_ba")
        ],
        pl.lit(to_us, dtype=pl.Int64).alias("as_of"),
    ).select(STATE_COLUMNS)


def figures(state: pl.LazyFrame | pl.DataFrame) -> pl.LazyFrame:
    """The published figures of each pair from its additive parts."""
    high = pl.max_horizontal("att_ab", "att_ba")
    low = pl.min_horizontal("att_ab", "att_ba")
    return state.lazy().with_columns(
        (pl.col("key") // 2**32).alias("a"),
        (pl.col("key") % 2**32).alias("b"),
        # The core's rule (domain.attention.reciprocity): faded flows are not compared.
        pl.when(low >= ATTENTION_FLOOR).then(low / high).otherwise(0.0).alias("reciprocity"),
        pl.when(pl.col("msg_ab") > 0)
        .then(pl.col("at_ab") / pl.col("msg_ab"))
        .otherwise(None)
        .alias("talking_at_ab"),
        pl.when(pl.col("msg_ba") > 0)
        .then(pl.col("at_ba") / pl.col("msg_ba"))
        .otherwise(None)
        .alias("talking_at_ba"),
    )
