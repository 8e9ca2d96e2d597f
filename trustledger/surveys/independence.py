"""Which raters count: people whose identity the one who invites them does not control.

A manager who could invite addresses he holds (sock puppets) would answer for them himself and
read the one real rater's answers as mean × n minus his own. So an invitation to the *others'*
view counts in the aggregates only when the rater is known independently of the inviter:

- a person record in a unit the inviter does not manage (a manager can create and edit the
  people of his own units, so he controls those identities); an admin controls every record
  and is trusted as the operator;
- or an address in a mail domain of a counterpart organization (not ours), set by an admin
  on the organization (`Organization.email_domains`), for a person without a unit (such as a
  customer contact, which a manager may have recorded himself) or an address alone.

Addresses that belong to a known person are treated as that person. The inviter never rates
the others' view of their own campaign (they are refused, not just left uncounted), and the
subject is always the self view. See docs/surveys.md for what this protects and what not.
"""

from __future__ import annotations

from dataclasses import dataclass

from trustledger.accounts.access import Scope
from trustledger.directory.models import Organization, OrganizationKind, Person, PersonIdentity


@dataclass(frozen=True)
class Standing:
    counted: bool
    refused: str = ""  # why the rater cannot be invited at all


def person_for_address(address: str) -> Person | None:
    identity = (
        PersonIdentity.objects.select_related("person")
        .filter(kind="email", normalized=address.strip().lower())
        .first()
    )
    return identity.person if identity else None


def counterpart_domain(address: str) -> bool:
    domain = address.rpartition("@")[2].lower()
    for domains in (
        Organization.objects.exclude(kind=OrganizationKind.OURS)
        .exclude(email_domains="")
        .values_list("email_domains", flat=True)
    ):
        if domain in {d.strip().lower() for d in domains.split(",")}:
            return True
    return False


def standing(scope: Scope, person: Person | None, address: str, *, is_self: bool) -> Standing:
    """How an invitation to `address` (of `person`, if known) stands for the inviter `scope`."""
    if person is not None and scope.person_id == person.pk and not is_self:
        return Standing(False, "you cannot rate your own campaign")
    if is_self:
        # The self view is the subject's own: its members are in the inviter's units by
        # definition (documented limit, docs/surveys.md).
        return Standing(True)
    if scope.is_admin:
        return Standing(person is not None or counterpart_domain(address))
    if person is not None and person.unit_id is not None:
        return Standing(person.unit_id not in scope.managed_unit_ids)
    return Standing(counterpart_domain(address))
