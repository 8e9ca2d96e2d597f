"""The survey trust of each member of a unit, for the team gap on the unit page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils import timezone

from trustledger import domain as core
from trustledger.domain.settings import EngineSettings
from trustledger.engine.ratings import survey_ratings
from trustledger.engine.reports import Report, engine_settings
from trustledger.engine.sides import people_of_unit
from trustledger.surveys.models import Campaign, CampaignStatus


@dataclass(frozen=True)
class MemberTrustReport(Report):
    """`surveyed`: members about whom a survey had closed by then, with their trust as the
    survey rules publish it (value None below the threshold); `members`: every member id."""

    unit_id: int
    as_of: dt.datetime
    members: tuple[int, ...]
    surveyed: Mapping[int, core.RatedTrust]


def member_trust(
    unit_id: int, as_of: dt.datetime | None = None, settings: EngineSettings | None = None
) -> MemberTrustReport:
    as_of = as_of or timezone.now()
    settings = settings or engine_settings()
    members = people_of_unit(unit_id)
    surveyed = sorted(
        set(
            Campaign.objects.filter(
                status=CampaignStatus.CLOSED,
                closed_at__lte=as_of,
                subject_person_id__in=members,
            ).values_list("subject_person_id", flat=True)
        )
    )
    trust = {}
    for pk in surveyed:
        ratings = survey_ratings(as_of=as_of, person_id=pk)
        if ratings:
            trust[pk] = core.trust_from_ratings(
                ratings, f"person:{pk}", as_of=as_of, settings=settings
            )
    return MemberTrustReport(unit_id, as_of, tuple(sorted(members)), trust)
