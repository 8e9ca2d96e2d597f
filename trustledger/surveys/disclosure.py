"""What a set of published sums discloses, in pure Python.

A published aggregate over a group gives its n and mean, so its sum: a linear equation over
the raters. Raters who share every group are one *cell* (they can never be told apart). A set
of cells is disclosed when its sum follows from the published sums by adding and subtracting
them, i.e. when its indicator vector lies in the span of the published groups' vectors. That
covers the difference of two nested groups (A − B), an organization minus its units, "no
unit" minus an organization without units, and every longer chain of the same kind.

`small_disclosure` finds a disclosed set of 1..k−1 raters, if there is one, exactly (with
fractions, no rounding): the set's vector is in the span iff it is orthogonal to every vector
of the null space of the published matrix.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Mapping, Sequence
from fractions import Fraction

Cell = Hashable


def _null_space(rows: Sequence[Sequence[int]], width: int) -> list[list[Fraction]]:
    """A basis of {x : row · x = 0 for every row}, by reduced row echelon form."""
    matrix = [[Fraction(v) for v in row] for row in rows]
    pivots: list[int] = []
    rank = 0
    for col in range(width):
        pivot = next((r for r in range(rank, len(matrix)) if matrix[r][col] != 0), None)
        if pivot is None:
            continue
        matrix[rank], matrix[pivot] = matrix[pivot], matrix[rank]
        lead = matrix[rank][col]
        matrix[rank] = [v / lead for v in matrix[rank]]
        for r in range(len(matrix)):
            if r != rank and matrix[r][col] != 0:
                factor = matrix[r][col]
                matrix[r] = [a - factor * b for a, b in zip(matrix[r], matrix[rank], strict=True)]
        pivots.append(col)
        rank += 1
    basis = []
    for free in (c for c in range(width) if c not in pivots):
        vector = [Fraction(0)] * width
        vector[free] = Fraction(1)
        for r, col in enumerate(pivots):
            vector[col] = -matrix[r][free]
        basis.append(vector)
    return basis


def _subsets(cells: Sequence[tuple[Cell, int]], budget: int) -> Iterator[list[Cell]]:
    """Non-empty sets of cells whose sizes add up to at most `budget`, smallest first."""
    for i, (cell, size) in enumerate(cells):
        if size <= budget:
            yield [cell]
            for rest in _subsets(cells[i + 1 :], budget - size):
                yield [cell, *rest]


def small_disclosure(
    groups: Sequence[frozenset[Cell]], sizes: Mapping[Cell, int], k: int
) -> frozenset[Cell] | None:
    """A set of cells with 1..k−1 raters whose sum the published `groups` disclose, or None."""
    # Cells in exactly the same published groups have equal coefficients in every combination,
    # so they are disclosed together or not at all: one class each keeps the search small.
    classes: dict[tuple[bool, ...], list[Cell]] = {}
    for cell in sorted((c for c in sizes if sizes[c] > 0), key=repr):
        classes.setdefault(tuple(cell in g for g in groups), []).append(cell)
    signatures = list(classes)
    rows = [[1 if signature[i] else 0 for signature in signatures] for i in range(len(groups))]
    null = _null_space(rows, len(signatures))
    weight = {s: sum(sizes[c] for c in classes[s]) for s in signatures}
    small = [(i, weight[s]) for i, s in enumerate(signatures) if weight[s] < k]
    for subset in _subsets(small, k - 1):
        if all(sum(vector[i] for i in subset) == 0 for vector in null):
            return frozenset(c for i in subset for c in classes[signatures[i]])  # type: ignore[index]
    return None
