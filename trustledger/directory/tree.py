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


class UnitTree:
    """The whole unit tree from one read of the unit table (a few hundred rows at most)."""

    def __init__(self, parents: dict[int, int | None], organizations: dict[int, int]) -> None:
        self._parent = parents
        self._organization = organizations
        self._children: dict[int | None, set[int]] = defaultdict(set)
        for pk, parent in parents.items():
            self._children[parent].add(pk)

    @classmethod
    def read(cls) -> UnitTree:
        rows = list(Unit.objects.values_list("id", "parent_id", "organization_id"))
        return cls({pk: parent for pk, parent, _ in rows}, {pk: org for pk, _, org in rows})

    def below(self, unit_ids: Iterable[int]) -> set[int]:
        """The units and every unit below them."""
        found = {pk for pk in unit_ids if pk in self._parent}
        frontier = list(found)
        while frontier:
            for child in self._children[frontier.pop()] - found:
                found.add(child)
                frontier.append(child)
        return found

    def above(self, unit_ids: Iterable[int]) -> set[int]:
        """The units and every unit above them, up to the root."""
        found: set[int] = set()
        for pk in unit_ids:
            node: int | None = pk
            while node is not None and node in self._parent and node not in found:
                found.add(node)
                node = self._parent[node]
        return found

    def organizations(self, unit_ids: Iterable[int]) -> set[int]:
        return {self._organization[pk] for pk in unit_ids if pk in self._organization}


def subtrees(roots: Iterable[int]) -> dict[int, set[int]]:
    """`units_below` for many roots at once, from one read of the whole unit table."""
    tree = UnitTree.read()
    return {root: tree.below([root]) | {root} for root in roots}
