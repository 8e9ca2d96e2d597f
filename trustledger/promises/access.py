"""Who sees a promise found before it is confirmed: the writer, the managers of the writer's
unit (or of a unit above it), and admins. Nobody else: not the promisee, not a viewer, not
the writer's fellow members. A confirmed proposal is an ordinary commitment, read by the
usual rule (`Scope.records("commitment")`)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from trustledger.accounts.access import Scope
from trustledger.promises.models import ProposedPromise


def condition(scope: Scope) -> Q:
    if scope.is_admin:
        return Q()
    # managed_unit_ids holds the managed units and every unit below them.
    found = Q(promisor__unit_id__in=scope.managed_unit_ids)
    if scope.person_id is not None:
        found |= Q(promisor_id=scope.person_id)
    return found


def proposals(scope: Scope) -> QuerySet[ProposedPromise]:
    """The proposals this scope may see (and decide on, `may_decide`)."""
    if not scope.is_admin and scope.person_id is None and not scope.managed_unit_ids:
        return ProposedPromise.objects.none()
    return ProposedPromise.objects.filter(condition(scope))


def may_see(scope: Scope, proposal: ProposedPromise) -> bool:
    if scope.is_admin:
        return True
    if scope.person_id is not None and proposal.promisor_id == scope.person_id:
        return True
    unit_id = proposal.promisor.unit_id
    return unit_id is not None and unit_id in scope.managed_unit_ids


def may_decide(scope: Scope, proposal: ProposedPromise) -> bool:
    """Those who see it decide on it, except a writer who only views (a viewer changes
    nothing, `ledger.actions`)."""
    if not may_see(scope, proposal):
        return False
    return scope.is_admin or bool(scope.managed_unit_ids) or not scope.read_only
