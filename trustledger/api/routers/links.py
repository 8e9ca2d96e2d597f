"""Links for the other side of a relationship (people outside the organization without a
login): list, make (the token is in the answer this once and never again), revoke. Only an
admin and those who may change the relationship; a relationship out of scope is 404, one the
caller only reads is 403."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from trustledger.api.common import DEFAULT, Cursor, Limit, PathId, caller, scope, visible
from trustledger.api.paging import by_position
from trustledger.api.schemas import Flag, Id, In, page_of
from trustledger.ledger.models import Relationship
from trustledger.sharing import actions
from trustledger.sharing.mail import link_url
from trustledger.sharing.models import SharedLink

router = Router(tags=["links for the other side"])


class LinkOut(Schema):
    id: int
    relationship_id: int
    person_id: int
    person: str
    created_at: dt.datetime
    issued_at: dt.datetime
    expires_at: dt.datetime
    last_used_at: dt.datetime | None
    last_sent_at: dt.datetime | None
    revoked_at: dt.datetime | None

    @staticmethod
    def resolve_person(link: SharedLink) -> str:
        return str(link.person)


class LinkMade(LinkOut):
    token: str = Field(description="The link's token: in this answer only, never again.")
    url: str = Field(description="The page the token opens; mail it or pass it on.")


class LinkIn(In):
    person_id: Id = Field(description="A person of the other side who has no login.")
    expires_in_days: Annotated[int, Field(ge=1, le=actions.MAX_DAYS)] | None = Field(
        default=None, description="Days the link works; the server's default (60) when left out."
    )
    send: Flag = Field(default=False, description="Mail the link to the person.")


def _managed(request: HttpRequest, relationship_id: int) -> Relationship:
    rel = visible(scope(request).relationships(), relationship_id)
    if not scope(request).can_change_relationship(rel):
        raise PermissionDenied("Only those who may change the relationship manage its links.")
    return rel


@router.get("/relationships/{relationship_id}/links", response=page_of(LinkOut))
def list_links(
    request: HttpRequest,
    relationship_id: PathId,
    limit: Limit = DEFAULT,
    cursor: Cursor = None,
) -> Any:
    """The relationship's links, newest first, revoked ones too. Never their tokens."""
    rel = _managed(request, relationship_id)
    qs = SharedLink.objects.filter(relationship=rel).select_related("person")
    return by_position(qs, "-id", cursor, limit)


@router.post("/relationships/{relationship_id}/links", response={201: LinkMade})
def make_link(request: HttpRequest, relationship_id: PathId, payload: LinkIn) -> Any:
    """A link for a person of the other side (one live link per person: 422 when there is
    one). `send` mails it; the token is returned in this answer only."""
    rel = _managed(request, relationship_id)
    person = actions.other_side_people(rel).filter(pk=payload.person_id).first()
    if person is None:
        # As every write: an id outside the set this field offers is a 404 naming the field.
        raise HttpError(404, f"person_id: {payload.person_id} — {actions.NOT_THEIR_SIDE}")
    try:
        link, token = actions.issue_link(
            caller(request),
            rel,
            person,
            days=payload.expires_in_days,
            send=payload.send,
            base_url=request.build_absolute_uri("/"),
        )
    except ValidationError as error:
        # The body names the person by id.
        raise ValidationError(
            {
                ("person_id" if field == "person" else field): messages
                for field, messages in error.message_dict.items()
            }
        ) from None
    # Answered from the row with the token beside it (set on this object only, never saved).
    link.token = token  # type: ignore[attr-defined]
    link.url = link_url(token, request.build_absolute_uri("/"))  # type: ignore[attr-defined]
    return Status(201, link)


@router.post("/links/{link_id}/revoke", response=LinkOut)
def revoke_link(request: HttpRequest, link_id: PathId) -> Any:
    """The link stops working at once; revoking a revoked link changes nothing."""
    link = visible(
        SharedLink.objects.filter(relationship__in=scope(request).relationships()), link_id
    )
    _managed(request, link.relationship_id)
    return actions.revoke_link(caller(request), link)
