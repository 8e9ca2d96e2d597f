"""Walking the unit tree: a unit and every unit below it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from trustledger.directory.models import Unit


def units_below(unit_ids: Iterable[int]) -> set[int]:
    """The units and every unit below them, one query per level of the tree."""
    found = set(unit_ids)
    frontier = set(found)
    while frontier:
        frontier = (
            set(Unit.objects.filter(parent_id__in=frontier).values_list("id", flat=True)) - found
        )
        found |= frontier
    return found


def units_above(unit_ids: Iterable[int]) -> set[int]:
    """The units and every unit above them (their parents up to the root)."""
    found = set(unit_ids)
    frontier = set(found)
    while frontier:
        parents = Unit.objects.filter(pk__in=frontier, parent__isnull=False)
        frontier = set(parents.values_list("parent_id", flat=True)) - found
        found |= frontier
    return found


def subtrees(roots: Iterable[int]) -> dict[int, set[int]]:
    """`units_below` for many roots at once, from one read of the whole unit table."""
    children: dict[int | None, set[int]] = defaultdict(set)
    for pk, parent in Unit.objects.values_list("id", "parent_id"):
        children[parent].add(pk)
    result = {}
    for root in roots:
        found, frontier = {root}, [root]
        while frontier:
            for child in children[frontier.pop()] - found:
                found.add(child)
                frontier.append(child)
        result[root] = found
    return result
