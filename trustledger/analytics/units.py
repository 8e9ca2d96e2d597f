"""Pair figures summed per pair of units: the silos map. Pure: no Django."""

from __future__ import annotations

import polars as pl

from trustledger.analytics.pairs import roll
from trustledger.domain.attention import ATTENTION_FLOOR
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
    return derived(rows.with_columns(possible_pairs(rows))).sort("unit_a", "unit_b")


def possible_pairs(rows: pl.DataFrame) -> pl.Expr:
    """Pairs of people two units could form, from their sizes `size_a`, `size_b`."""
    same = pl.col("unit_a") == pl.col("unit_b")
    sa, sb = (
        pl.col("size_a").fill_null(0).cast(pl.Int64),
        pl.col("size_b").fill_null(0).cast(pl.Int64),
    )
    return pl.when(same).then(sa * (sa - 1) // 2).otherwise(sa * sb).alias("possible_pairs")


def derived(rows: pl.DataFrame) -> pl.DataFrame:
    """Density, reciprocity and the silo flag from the summed columns."""
    same = pl.col("unit_a") == pl.col("unit_b")
    high = pl.max_horizontal("att_ab", "att_ba")
    low = pl.min_horizontal("att_ab", "att_ba")
    return rows.with_columns(
        pl.when(pl.col("possible_pairs") > 0)
        .then(pl.col("ties") / pl.col("possible_pairs"))
        .otherwise(0.0)
        .alias("density"),
        # The core's rule (domain.attention.reciprocity): faded flows are not compared.
        pl.when(low >= ATTENTION_FLOOR).then(low / high).otherwise(0.0).alias("reciprocity"),
    ).with_columns(
        (pl.col("should_talk") & ~same & (pl.col("density") < SILO_DENSITY)).alias("is_silo")
    )


def change(
    before: pl.DataFrame,
    after: pl.DataFrame,
    people: pl.DataFrame,
    as_of_us: int,
    cfg: AttentionSettings,
) -> pl.DataFrame:
    """What an incremental run adds to each unit pair: the figures of the touched pairs of
    people after the run minus before it (`before` lacks the pairs that are new). Attention
    is rolled to `as_of_us`; masks and last contacts only grow, so they come from `after`."""

    def signed(figures: pl.DataFrame, sign: int) -> pl.LazyFrame:
        s = pl.lit(sign, dtype=pl.Int64)
        return with_units(figures.lazy(), people).select(
            "unit_a",
            "unit_b",
            s.alias("pairs"),
            ((pl.col("meaningful") >= TIE_MIN_MEANINGFUL).cast(pl.Int64) * s).alias("ties"),
            ((pl.col("reciprocity") >= RECIPROCAL_FROM).cast(pl.Int64) * s).alias("reciprocal"),
            (pl.col("u_count_ab").cast(pl.Int64) * s).alias("count_ab"),
            (pl.col("u_count_ba").cast(pl.Int64) * s).alias("count_ba"),
            (pl.col("meaningful").cast(pl.Int64) * s).alias("meaningful"),
            (pl.col("minutes") * sign).alias("minutes"),
            (roll(pl.col("u_att_ab"), pl.col("as_of"), as_of_us, cfg) * sign).alias("att_ab"),
            (roll(pl.col("u_att_ba"), pl.col("as_of"), as_of_us, cfg) * sign).alias("att_ba"),
            (pl.col("mask").cast(pl.Int16) if sign > 0 else pl.lit(0, pl.Int16)).alias("mask"),
            (pl.col("last") if sign > 0 else pl.lit(None, pl.Int64)).alias("last"),
        )

    sums = ["pairs", "ties", "reciprocal", "count_ab", "count_ba", "meaningful", "minutes"]
    return (
        pl.concat([signed(after, 1), signed(before, -1)])
        .group_by("unit_a", "unit_b")
        .agg(
            pl.col(*sums, "att_ab", "att_ba").sum(),
            pl.col("mask").bitwise_or(),
            pl.col("last").max(),
        )
        .collect()
    )


def apply_change(
    stored: pl.DataFrame,
    delta: pl.DataFrame,
    sizes: pl.DataFrame,
    as_of_us: int,
    cfg: AttentionSettings,
) -> pl.DataFrame:
    """Stored unit-pair rows (as written, attention at their `as_of`) plus `change()`:
    the rows as a full run with the same window start would give them. `sizes`: unit, size
    (for unit pairs seen for the first time; they are not ones that should talk, or a full
    run would have written them)."""
    old = stored.rename({c: f"{c}_old" for c in stored.columns if c not in ("unit_a", "unit_b")})
    j = delta.join(old, on=["unit_a", "unit_b"], how="left")
    old_pairs = pl.col("pairs_old").fill_null(0)
    old_reciprocal = (pl.col("reciprocal_share_old") * old_pairs).round(0).fill_null(0)
    rolled = [
        (
            pl.col(c) + roll(pl.col(f"{c}_old"), pl.col("as_of_old"), as_of_us, cfg).fill_null(0.0)
        ).alias(c)
        for c in ("att_ab", "att_ba")
    ]
    rows = (
        j.with_columns(
            (pl.col("pairs") + old_pairs).alias("pairs"),
            (pl.col("reciprocal") + old_reciprocal).alias("reciprocal"),
            *[
                (pl.col(c) + pl.col(f"{c}_old").fill_null(0)).alias(c)
                for c in ("ties", "count_ab", "count_ba", "meaningful", "minutes")
            ],
            *rolled,
            (pl.col("mask") | pl.col("mask_old").fill_null(0)).alias("mask"),
            pl.max_horizontal("last", "last_old").alias("last"),
            pl.col("should_talk_old").fill_null(False).alias("should_talk"),
        )
        .join(sizes.rename({"unit": "unit_a", "size": "size_a"}), on="unit_a", how="left")
        .join(sizes.rename({"unit": "unit_b", "size": "size_b"}), on="unit_b", how="left")
    )
    rows = rows.with_columns(
        pl.coalesce(pl.col("possible_pairs_old"), possible_pairs(rows)).alias("possible_pairs"),
        pl.when(pl.col("pairs") > 0)
        .then(pl.col("reciprocal") / pl.col("pairs"))
        .alias("reciprocal_share"),
    )
    return derived(rows)


def siblings(units: pl.DataFrame) -> pl.DataFrame:
    """Pairs of units under the same parent: they should talk. `units`: unit, parent."""
    child = units.filter(pl.col("parent").is_not_null()).select("unit", "parent")
    pairs = child.join(child, on="parent", suffix="_b").filter(pl.col("unit") < pl.col("unit_b"))
    return pairs.select(pl.col("unit").alias("unit_a"), pl.col("unit_b"))
