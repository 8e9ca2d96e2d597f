"""Survey campaigns and their aggregates. Raw answers and responses have no endpoint at all:
results come only from `trustledger.surveys.results.campaign_results`, which applies the
anonymity rules (k raters, suppressed groups, differencing)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Router, Schema

from trustledger.api.common import DEFAULT, Cursor, Limit, PathId, scope, visible
from trustledger.api.paging import by_position
from trustledger.api.schemas import page_of
from trustledger.surveys.permissions import readable_campaigns
from trustledger.surveys.results import campaign_results

router = Router(tags=["survey aggregates"])


class CampaignOut(Schema):
    id: int
    title: str
    status: str
    subject_person_id: int | None
    subject_unit_id: int | None
    opened_at: dt.datetime | None
    closed_at: dt.datetime | None


@router.get("/surveys/campaigns", response=page_of(CampaignOut))
def list_campaigns(
    request: HttpRequest,
    status: Literal["draft", "open", "closed"] | None = None,
    ordering: Literal["id", "-id", "title"] = "-id",
    limit: Limit = DEFAULT,
    cursor: Cursor = None,
) -> Any:
    qs = readable_campaigns(scope(request))
    if status:
        qs = qs.filter(status=status)
    return by_position(qs, ordering, cursor, limit)


@router.get("/surveys/campaigns/{campaign_id}/results", response=dict[str, Any])
def get_campaign_results(request: HttpRequest, campaign_id: PathId) -> Any:
    """Aggregates that pass the anonymity rules; groups below k raters are withheld."""
    campaign = visible(readable_campaigns(scope(request)), campaign_id)
    return campaign_results(campaign)
