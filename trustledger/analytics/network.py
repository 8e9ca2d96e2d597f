"""The person network: ties, degree, components, PageRank and brokers. Pure: no Django.

Methods chosen to finish at 50,000 people and a million ties: PageRank (PRPACK, linear in
ties) rather than betweenness (quadratic), components by one traversal, and a broker score
from the unit pairs each cross-unit tie joins.
"""

from __future__ import annotations

import igraph as ig
import polars as pl

BROKER_SHARE = 0.5  # holding at least this share of some unit pair's ties makes a broker


def person_network(ties: pl.DataFrame, people: pl.DataFrame) -> pl.DataFrame:
    """`ties`: a, b (person ids). `people`: person, unit. One row per person."""
    people = people.sort("person").with_row_index("v")
    index = people.select(pl.col("person"), pl.col("v").cast(pl.Int64))
    ends = (
        ties.select("a", "b")
        .join(index.rename({"person": "a", "v": "va"}), on="a")
        .join(index.rename({"person": "b", "v": "vb"}), on="b")
    )
    graph = ig.Graph(n=people.height, edges=list(zip(ends["va"], ends["vb"], strict=True)))
    components = graph.connected_components()
    membership = components.membership
    sizes = components.sizes()
    out = people.with_columns(
        pl.Series("degree", graph.degree(), dtype=pl.Int32),
        pl.Series("component", membership, dtype=pl.Int32),
        pl.Series("component_size", [sizes[c] for c in membership], dtype=pl.Int32),
        pl.Series(
            "centrality",
            graph.pagerank(directed=False) if graph.ecount() else [0.0] * people.height,
            dtype=pl.Float64,
        ),
    )
    return (
        out.join(brokers(ties, people), on="person", how="left")
        .with_columns(pl.col("broker_score").fill_null(0.0), pl.col("is_broker").fill_null(False))
        .drop("v")
    )


def brokers(ties: pl.DataFrame, people: pl.DataFrame) -> pl.DataFrame:
    """Sum over a person's cross-unit ties of 1 / (ties between those two units)."""
    unit_of = people.select("person", "unit")
    crossing = (
        ties.select("a", "b")
        .join(unit_of.rename({"person": "a", "unit": "ua"}), on="a")
        .join(unit_of.rename({"person": "b", "unit": "ub"}), on="b")
        .filter(
            pl.col("ua").is_not_null() & pl.col("ub").is_not_null() & (pl.col("ua") != pl.col("ub"))
        )
        .with_columns(
            pl.min_horizontal("ua", "ub").alias("u"), pl.max_horizontal("ua", "ub").alias("w")
        )
        .with_columns((1.0 / pl.len().over("u", "w")).alias("share"))
    )
    both = pl.concat(
        [
            crossing.select(pl.col("a").alias("person"), "share"),
            crossing.select(pl.col("b").alias("person"), "share"),
        ]
    )
    return both.group_by("person").agg(
        pl.col("share").sum().alias("broker_score"),
        (pl.col("share").max() >= BROKER_SHARE).alias("is_broker"),
    )


def grow(
    new_ties: pl.DataFrame, nodes: pl.DataFrame
) -> tuple[pl.DataFrame, list[tuple[int, int, int]]]:
    """New ties added to a stored network (ties are only added between full runs).

    `new_ties`: a, b. `nodes`: person, component, component_size for every end of a new tie.
    Returns each end's added degree (person, added) and the components that merge, as
    (component, the component it joins, the joined size): exact for degree and components;
    PageRank and broker scores wait for the next full run."""
    ends = pl.concat(
        [new_ties.select(pl.col("a").alias("person")), new_ties.select(pl.col("b").alias("person"))]
    )
    added = ends.group_by("person").agg(pl.len().cast(pl.Int64).alias("added"))
    component = dict(zip(nodes["person"], nodes["component"], strict=True))
    size = dict(zip(nodes["component"], nodes["component_size"], strict=True))
    parent: dict[int, int] = {}

    def find(c: int) -> int:
        while parent.get(c, c) != c:
            c = parent[c]
        return c

    for a, b in new_ties.select("a", "b").iter_rows():
        x, y = find(component[a]), find(component[b])
        if x != y:
            parent[y] = x
    groups: dict[int, list[int]] = {}
    for c in {component[p] for p in component}:
        groups.setdefault(find(c), []).append(c)
    merges = []
    for members in groups.values():
        if len(members) < 2:
            continue
        keep = max(members, key=lambda c: (size[c], -c))  # the largest keeps its label
        total = sum(size[c] for c in members)
        merges += [(c, keep, total) for c in sorted(members)]
    return added, merges
