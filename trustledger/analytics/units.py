"""Pair figures summed per pair of units: the silos map. Pure: no Django."""

from __future__ import annotations

import polars as pl

from trustledger.analytics.pairs import roll
from trustledger.domain.settings import AttentionSettings

TIE_MIN_MEANINGFUL = 3  # meaningful interactions in the window that make a tie
RECIPROCAL_FROM = 0.5  # a pair with reciprocity at or above this counts as reciprocal
SILO_DENSITY = 0.01  # units that should talk, with fewer ties per possible pair: a silo


def with_units(figures: pl.LazyFrame, people: pl.DataFrame) -> pl.LazyFrame:
    """Each pair with its two units, ordered so unit_a <= unit_b (attention swapped along)."""
    unit_of = people.lazy().select(pl.col("person"), pl.col("unit"))
    joined = figures.join(unit_of.rename({"person": "a", "unit": "ua"}), on="a", how="inner").join(
        unit_of.rename({"person": "b", "unit": "ub"}), on="b", how="inner"
    )
    swap = pl.col("ua") > pl.col("ub")
    return joined.filter(pl.col("ua").is_not_null() & pl.col("ub").is_not_null()).with_columns(
        pl.when(swap).then(pl.col("ub")).otherwise(pl.col("ua")).alias("unit_a"),
        pl.when(swap).then(pl.col("ua")).otherwise(pl.col("ub")).alias("unit_b"),
        pl.when(swap).then(pl.col("att_ba")).otherwise(pl.col("att_ab")).alias("u_att_ab"),
        pl.when(swap).then(pl.col("att_ab")).otherwise(pl.col("att_ba")).alias("u_att_ba"),
        pl.when(swap).then(pl.col("count_ba")).otherwise(pl.col("count_ab")).alias("u_count_ab"),
        pl.when(swap).then(pl.col("count_ab")).otherwise(pl.col("count_ba")).alias("u_count_ba"),
    )


def unit_pairs(
    figures: pl.LazyFrame,
    people: pl.DataFrame,
    should_talk: pl.DataFrame,
    as_of_us: int,
    cfg: AttentionSettings,
) -> pl.DataFrame:
    """One row per pair of units with any interaction or that should talk.

    `people`: person, unit. `should_talk`: unit_a, unit_b (unit_a < unit_b)."""
    sizes = people.filter(pl.col("unit").is_not_null()).group_by("unit").agg(pl.len().alias("size"))
    summed = (
        with_units(figures, people)
        .group_by("unit_a", "unit_b")
        .agg(
            pl.len().cast(pl.Int32).alias("pairs"),
            (pl.col("meaningful") >= TIE_MIN_MEANINGFUL).sum().cast(pl.Int32).alias("ties"),
            (pl.col("reciprocity") >= RECIPROCAL_FROM).mean().alias("reciprocal_share"),
            pl.col("u_count_ab").sum().cast(pl.Int64).alias("count_ab"),
            pl.col("u_count_ba").sum().cast(pl.Int64).alias("count_ba"),
            pl.col("meaningful").sum().cast(pl.Int64).alias("meaningful"),
            pl.col("mask").bitwise_or().alias("mask"),
            pl.col("minutes").sum(),
            roll(pl.col("u_att_ab"), pl.col("as_of"), as_of_us, cfg).sum().alias("att_ab"),
            roll(pl.col("u_att_ba"), pl.col("as_of"), as_of_us, cfg).sum().alias("att_ba"),
            pl.col("last").max(),
        )
        .collect()
    )
    talk = should_talk.select(
        pl.col("unit_a").cast(pl.Int64),
        pl.col("unit_b").cast(pl.Int64),
        pl.lit(True).alias("should_talk"),
    ).unique(["unit_a", "unit_b"])
    rows = summed.join(talk, on=["unit_a", "unit_b"], how="full", coalesce=True)
    zero = {
        "pairs": 0,
        "ties": 0,
        "count_ab": 0,
        "count_ba": 0,
        "meaningful": 0,
        "mask": 0,
        "minutes": 0.0,
        "att_ab": 0.0,
        "att_ba": 0.0,
    }
    size_a = sizes.rename({"unit": "unit_a", "size": "size_a"})
    size_b = sizes.rename({"unit": "unit_b", "size": "size_b"})
    rows = (
        rows.with_columns(
            *[pl.col(c).fill_null(v) for c, v in zero.items()],
            pl.col("should_talk").fill_null(False),
        )
        .join(size_a, on="unit_a", how="left")
        .join(size_b, on="unit_b", how="left")
    )
    same = pl.col("unit_a") == pl.col("unit_b")
    sa, sb = (
        pl.col("size_a").fill_null(0).cast(pl.Int64),
        pl.col("size_b").fill_null(0).cast(pl.Int64),
    )
    possible = pl.when(same).then(sa * (sa - 1) // 2).otherwise(sa * sb)
    high = pl.max_horizontal("att_ab", "att_ba")
    low = pl.min_horizontal("att_ab", "att_ba")
    return (
        rows.with_columns(possible.alias("possible_pairs"))
        .with_columns(
            pl.when(pl.col("possible_pairs") > 0)
            .then(pl.col("ties") / pl.col("possible_pairs"))
            .otherwise(0.0)
            .alias("density"),
            pl.when(high > 0).then(low / high).otherwise(0.0).alias("reciprocity"),
        )
        .with_columns(
            (pl.col("should_talk") & ~same & (pl.col("density") < SILO_DENSITY)).alias("is_silo")
        )
        .sort("unit_a", "unit_b")
    )


def siblings(units: pl.DataFrame) -> pl.DataFrame:
    """Pairs of units under the same parent: they should talk. `units`: unit, parent."""
    child = units.filter(pl.col("parent").is_not_null()).select("unit", "parent")
    pairs = child.join(child, on="parent", suffix="_b").filter(pl.col("unit") < pl.col("unit_b"))
    return pairs.select(pl.col("unit").alias("unit_a"), pl.col("unit_b"))
