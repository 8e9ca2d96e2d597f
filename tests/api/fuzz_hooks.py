"""schemathesis hooks for fuzzing the API: what a schema cannot say, said once here.

- `cursor` is opaque: only a `next_cursor` this API gave is valid, so valid-by-schema cases do
  not invent one (a made-up cursor answers 400, as documented).
- Rules across fields, stated in the fields' descriptions, are kept in valid-by-schema cases:
  participants besides the initiator, a promisee other than the promisor, a due date after
  the moment the promise is made, the next review after this one, a review pack's period
  starting on or before its as-of day; in the directory's writes,
  one side each for a new relationship, a person's unit of their organization, a new unit
  under a parent or in an organization. Changes whose rule depends on the stored record
  (a relationship's sides, a unit's organization) are left to the tests.

Used by tests/api/test_fuzz.py and by the CLI: SCHEMATHESIS_HOOKS=tests.api.fuzz_hooks.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import schemathesis
from schemathesis.generation import GenerationMode


def _positive(case: Any) -> bool:
    meta = getattr(case, "_meta", None)
    return meta is None or meta.generation.mode == GenerationMode.POSITIVE


# Record dates the API's descriptions bound (the plausible-date rule of trustledger/domain/dates.py).
HAPPENED_FIELDS = {"occurred_at", "made_at", "at", "received_at", "raised_at", "decided_at"}
HAPPENED_FIELDS |= {"agreed_on", "held_on", "started_on"}
DUE_FIELDS = {"due_at", "new_due_at", "next_review_due", "due_on"}


def _implausible(body: dict[str, Any]) -> bool:
    from trustledger.ledger.plausible import DUE, HAPPENED, date_problem

    for name, value in body.items():
        kind = HAPPENED if name in HAPPENED_FIELDS else DUE if name in DUE_FIELDS else None
        if kind is None or not isinstance(value, str):
            continue
        try:
            moment = _moment(value) if "T" in value else dt.date.fromisoformat(value)
        except ValueError:
            continue  # not a date: the schema's own checks decide
        if date_problem(kind, moment):
            return True
    return False


def _breaks_a_cross_field_rule(body: dict[str, Any]) -> bool:
    if _implausible(body):
        return True
    participants = body.get("participant_ids")
    if isinstance(participants, list) and set(participants) <= {body.get("initiator_id")}:
        return True
    if "promisee_id" in body and body.get("promisee_id") == body.get("promisor_id"):
        return True
    due, held = body.get("next_review_due"), body.get("held_on")
    if isinstance(due, str) and isinstance(held, str) and due <= held:
        return True
    return "promisor_id" in body and not _after(body.get("due_at"), body.get("made_at"))


def _after(due: Any, made: Any) -> bool:
    try:
        due_at = _moment(due)
        made_at = _moment(made) if made is not None else dt.datetime.now(dt.UTC)
    except (TypeError, ValueError):
        return True  # not a moment: the schema's own checks decide
    return due_at > made_at + dt.timedelta(minutes=1)


def _moment(value: Any) -> dt.datetime:
    parsed = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


OUR_SIDE = ("our_person_id", "our_unit_id")
COUNTERPART = ("counterpart_person_id", "counterpart_unit_id", "counterpart_organization_id")


def _breaks_a_directory_rule(method: str, path: str, body: dict[str, Any]) -> bool:
    def count(names: tuple[str, ...]) -> int:
        return sum(1 for n in names if body.get(n) is not None)

    if path.endswith("/relationships") and method == "POST":
        return count(OUR_SIDE) != 1 or count(COUNTERPART) != 1
    if "/relationships/{" in path and method == "PATCH":
        return bool(count(OUR_SIDE) or count(COUNTERPART))
    if path.endswith("/people") or "/people/{" in path:
        return body.get("unit_id") is not None and body.get("organization_id") is not None
    if path.endswith("/units") and method == "POST":
        return body.get("parent_id") is None and body.get("organization_id") is None
    return "/units/{" in path and method == "PATCH" and "organization_id" in body


@schemathesis.hook
def filter_case(context: Any, case: Any) -> bool:
    if not _positive(case) or not isinstance(case.body, dict):
        return True
    operation = case.operation
    if _breaks_a_directory_rule(operation.method.upper(), operation.path, case.body):
        return False
    return not _breaks_a_cross_field_rule(case.body)


@schemathesis.hook
def map_case(context: Any, case: Any) -> Any:
    if _positive(case) and case.query and "cursor" in case.query:
        case.query = {k: v for k, v in case.query.items() if k != "cursor"}
    # A review pack's period starts on or before its as-of day (today without one).
    if _positive(case) and case.query and case.operation.path.endswith("/review-pack"):
        until = str(case.query.get("as_of") or dt.date.today().isoformat())
        if str(case.query.get("since") or "") > until:
            case.query = {k: v for k, v in case.query.items() if k != "since"}
    return case
