"""What an incremental run reads and writes: only the rows its new interactions touch.

The stored tables are the state. New edges → their pair keys → those pairs' stored rows
(attention at each row's `as_of`, rolled forward by one multiplication) → merged rows upserted;
the unit pairs they fall in updated by the difference (one read and one upsert, by a packed
unit-pair key); the network's degree and components grown when ties formed.
"""

from __future__ import annotations

import polars as pl
from django.db import connection
from django.db.models import Count

from trustledger.analytics import network, pairs, store, units
from trustledger.analytics.models import PairFigures, PersonNetwork, UnitPairFigures
from trustledger.directory.models import Person
from trustledger.domain.settings import AttentionSettings

# PairFigures column → (pair state column, type)
STATE_OF_TABLE: dict[str, tuple[str, type[pl.DataType]]] = {
    "pair_key": ("key", pl.Int64),
    "count_ab": ("count_ab", pl.Int32),
    "count_ba": ("count_ba", pl.Int32),
    "meaningful": ("meaningful", pl.Int32),
    "channel_mask": ("mask", pl.Int16),
    "minutes": ("minutes", pl.Float64),
    "last_contact": ("last", pl.Int64),
    "last_two_way": ("last2", pl.Int64),
    "attention_ab": ("att_ab", pl.Float64),
    "attention_ba": ("att_ba", pl.Float64),
    "messages_ab": ("msg_ab", pl.Int32),
    "at_ab": ("at_ab", pl.Int32),
    "messages_ba": ("msg_ba", pl.Int32),
    "at_ba": ("at_ba", pl.Int32),
    "as_of": ("as_of", pl.Int64),
}
UNIT_OF_TABLE: dict[str, tuple[str, type[pl.DataType]]] = {
    "unit_a": ("unit_a", pl.Int64),
    "unit_b": ("unit_b", pl.Int64),
    "pairs": ("pairs", pl.Int64),
    "ties": ("ties", pl.Int64),
    "possible_pairs": ("possible_pairs", pl.Int64),
    "reciprocal_share": ("reciprocal_share", pl.Float64),
    "count_ab": ("count_ab", pl.Int64),
    "count_ba": ("count_ba", pl.Int64),
    "meaningful": ("meaningful", pl.Int64),
    "channel_mask": ("mask", pl.Int16),
    "minutes": ("minutes", pl.Float64),
    "attention_ab": ("att_ab", pl.Float64),
    "attention_ba": ("att_ba", pl.Float64),
    "last_contact": ("last", pl.Int64),
    "should_talk": ("should_talk", pl.Boolean),
    "as_of": ("as_of", pl.Int64),
}
UNIT_KEY_SQL = "(unit_a * 4294967296 + unit_b)"


def _read(model, mapping, key_sql, keys, times):  # type: ignore[no-untyped-def]
    frame = store.read_where_in(
        model, {c: t for c, (_, t) in mapping.items()}, key_sql, keys, times
    )
    return frame.rename({c: name for c, (name, _) in mapping.items()}).cast(
        {name: t for name, t in mapping.values()}
    )


def stored_pairs(keys: list[int]) -> pl.DataFrame:
    """The stored state (`pairs.STATE_COLUMNS`) of these pairs; pairs never seen are absent."""
    times = ("last_contact", "last_two_way", "as_of")
    return _read(PairFigures, STATE_OF_TABLE, "pair_key", keys, times).select(pairs.STATE_COLUMNS)


def people_of(person_ids: list[int]) -> pl.DataFrame:
    frame = store.read_where_in(Person, {"id": pl.Int64, "unit_id": pl.Int64}, "id", person_ids)
    return frame.rename({"id": "person", "unit_id": "unit"})


def unit_pairs(
    before: pl.DataFrame,
    after: pl.DataFrame,
    people: pl.DataFrame,
    as_of_us: int,
    cfg: AttentionSettings,
) -> pl.DataFrame:
    """The touched unit pairs' rows after the run (`before`/`after`: pair figures)."""
    delta = units.change(before, after, people, as_of_us, cfg)
    if delta.height == 0:
        return delta
    packed = delta.select(pl.col("unit_a") * 2**32 + pl.col("unit_b"))
    stored = _read(
        UnitPairFigures,
        UNIT_OF_TABLE,
        UNIT_KEY_SQL,
        packed.to_series().to_list(),
        ("last_contact", "as_of"),
    )
    unseen = delta.join(stored, on=["unit_a", "unit_b"], how="anti")
    wanted = set(unseen["unit_a"].to_list()) | set(unseen["unit_b"].to_list())
    sizes = pl.DataFrame(
        list(
            Person.objects.filter(unit_id__in=wanted)
            .values("unit_id")
            .annotate(n=Count("id"))
            .values_list("unit_id", "n")
        ),
        schema={"unit": pl.Int64, "size": pl.Int64},
        orient="row",
    )
    return units.apply_change(stored, delta, sizes, as_of_us, cfg)


def new_ties(before: pl.DataFrame, after: pl.DataFrame) -> pl.DataFrame:
    """Pairs that became ties in this run (a, b)."""
    prior = before.select("key", pl.col("meaningful").alias("m0"))
    return (
        after.join(prior, on="key", how="left")
        .filter(
            (pl.col("meaningful") >= units.TIE_MIN_MEANINGFUL)
            & (pl.col("m0").fill_null(0) < units.TIE_MIN_MEANINGFUL)
        )
        .select("a", "b")
    )


def grow_network(ties: pl.DataFrame) -> bool:
    """Add new ties to the stored network: degree and components. False when an end has no
    network row yet (a person added since the full run): the caller recomputes it all."""
    ends = pl.concat([ties["a"], ties["b"]]).unique().to_list()
    nodes = store.read_where_in(
        PersonNetwork,
        {"person_id": pl.Int64, "component": pl.Int64, "component_size": pl.Int64},
        "person_id",
        ends,
    ).rename({"person_id": "person"})
    if nodes.height < len(ends):
        return False
    added, merges = network.grow(ties, nodes)
    table = connection.ops.quote_name(PersonNetwork._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET degree = degree + %s WHERE person_id = %s",
            [(n, p) for p, n in added.select("person", "added").iter_rows()],
        )
        cursor.executemany(
            f"UPDATE {table} SET component = %s, component_size = %s WHERE component = %s",
            [(keep, size, old) for old, keep, size in merges],
        )
    return True


def stored_ties() -> pl.DataFrame:
    table = connection.ops.quote_name(PairFigures._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT person_a, person_b FROM {table} WHERE meaningful >= %s",
            [units.TIE_MIN_MEANINGFUL],
        )
        rows = cursor.fetchall()
    return pl.DataFrame(rows, schema={"a": pl.Int64, "b": pl.Int64}, orient="row")
