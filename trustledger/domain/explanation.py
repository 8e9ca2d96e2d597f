"""Every number the engine returns carries its explanation: formula, inputs, n, interval,
evidence state, and the records behind it."""

from __future__ import annotations

import dataclasses
import enum
import math
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from typing import Any

RecordId = int | str
"""Ids are passed through untouched: the shell's primary keys or an importer's external ids."""

InputValue = float | int | str | bool | None


class EvidenceState(enum.StrEnum):
    SUFFICIENT = "sufficient"
    TOO_LITTLE = "too little evidence"
    NONE = "no evidence"


def id_sort_key(record_id: RecordId) -> tuple[int, str, int, str]:
    """Ints before strings, each in natural order, so mixed ids sort deterministically:
    "commitment:9" comes before "commitment:10", as a reader expects."""
    if isinstance(record_id, bool):  # bool is an int; keep it out of the numeric ordering
        return (1, str(record_id), -1, str(record_id))
    if isinstance(record_id, int):
        return (0, "", record_id, "")
    stem = record_id.rstrip("0123456789")
    if stem == record_id:
        return (1, record_id, -1, record_id)
    return (1, stem, int(record_id[len(stem) :]), record_id)


def sorted_ids(ids: Iterable[RecordId]) -> tuple[RecordId, ...]:
    return tuple(sorted(set(ids), key=id_sort_key))


@dataclasses.dataclass(frozen=True)
class Explanation:
    formula: str
    inputs: Mapping[str, InputValue] = dataclasses.field(default_factory=dict)
    n: float = 0
    interval: tuple[float, float] | None = None
    evidence: EvidenceState = EvidenceState.SUFFICIENT
    record_ids: tuple[RecordId, ...] = ()
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return jsonable(self)  # type: ignore[no-any-return]


class Explained:
    """Mixin for result dataclasses: a JSON-ready view of the whole result."""

    def to_dict(self) -> dict[str, Any]:
        return jsonable(self)  # type: ignore[no-any-return]


def jsonable(value: Any) -> Any:
    """Plain JSON types from results: dataclasses, enums, datetimes, tuples, mappings."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.IntEnum):
        return value.name.lower()
    if isinstance(value, enum.Enum):
        return jsonable(value.value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, timedelta):
        return value.total_seconds()
    if isinstance(value, Mapping):
        return {str(jsonable(k)): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [jsonable(v) for v in value]
        if isinstance(value, set | frozenset):
            items.sort(key=repr)
        return items
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value
