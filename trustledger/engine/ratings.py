"""Survey responses as the core's ratings, under the surveys' publication rules.

Only the latest *closed* campaign about a subject counts (an open one would let a mean move
with each answer), so a rater who answered two campaigns is not counted twice. The raters are
exactly the ones the campaign's results page is computed over (`results.published_series`:
counted responses; the self view by the invitation's `is_self`, a rater with no unit is an
outside rater of the group "no unit"), so no two views of one campaign differ by one rater.

A component enters the engine only where the survey rules *show* it (others' view and self
view separately): a component withheld because fewer than k raters answered it, or because
it would differ from an earlier published figure by fewer than k raters, gives no rating at
all. Rating ids name the campaign and component, never a response, so no page can list who
answered what; rater ids are positions in an anonymous list and never leave the engine.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

from trustledger.domain import records as r
from trustledger.surveys.models import Campaign, CampaignStatus
from trustledger.surveys.results import Published, published_series

NO_UNIT = "unit:none"  # the rater group of outside raters without a unit ("No unit")


@dataclass(frozen=True)
class SurveyEvidence:
    """A subject's ratings, and per component the rater groups (`unit:<id>` or NO_UNIT) whose
    own figure the survey results show; every other group's figure is withheld."""

    ratings: list[r.Rating] = field(default_factory=list)
    shown_groups: dict[str, frozenset[str]] = field(default_factory=dict)
    # The same for the organization dimension (`organization:<id>`), and each outside
    # rater's organization group by rater id (for a counterpart that is an organization).
    shown_organizations: dict[str, frozenset[str]] = field(default_factory=dict)
    rater_organizations: dict[str, str] = field(default_factory=dict)
    published: bool = False  # a closed campaign about the subject exists (even if all withheld)

    def from_group(self, group: str) -> list[r.Rating]:
        """The ratings of one rater group (`unit:<id>`, NO_UNIT or `organization:<id>`), for
        only the components whose figure for that group the survey results show. That figure
        is a breakdown cell `anonymity.publish` already decided on, with complementary
        suppression against the total and every other group, so it cannot be set against
        the whole subject's figure to recover fewer than k raters."""
        by_organization = group.startswith("organization:")
        shown = self.shown_organizations if by_organization else self.shown_groups

        def own_group(rating: r.Rating) -> str | None:
            if by_organization:
                return self.rater_organizations.get(str(rating.rater_id))
            return None if rating.rater_unit_id is None else str(rating.rater_unit_id)

        return [
            rating
            for rating in self.ratings
            if not rating.self_assessment
            and group in shown.get(rating.component.value, frozenset())
            and own_group(rating) == group
        ]


def rater_group(unit: Hashable | None) -> str:
    return f"unit:{unit}" if unit is not None else NO_UNIT


def organization_group(organization: Hashable | None) -> str:
    return f"organization:{organization}"


def _evidence(published: Published, subject: str) -> SurveyEvidence:
    campaign, figures = published.campaign, published.figures
    assert campaign.closed_at is not None
    ratings = []
    organizations = {}
    for position, rater in enumerate(published.raters):
        if not rater.is_self and rater.organization is not None:
            organizations[f"survey:{campaign.pk}:rater:{position}"] = organization_group(
                rater.organization
            )
        for component, value in sorted(rater.components.items()):
            shown = figures.components[component]
            if not (shown.self_view if rater.is_self else shown.others).shown:
                continue
            ratings.append(
                r.Rating(
                    id=f"survey:{campaign.pk}:{component}",
                    rater_id=f"survey:{campaign.pk}:rater:{position}",
                    subject_id=subject,
                    component=r.TrustComponent(component),
                    value=value,
                    # Responses carry only the day; the close is when they became evidence.
                    rated_at=campaign.closed_at,
                    rater_unit_id=subject if rater.is_self else rater_group(rater.unit),
                    self_assessment=rater.is_self,
                )
            )
    groups = {
        component: frozenset(
            rater_group(group) for group, agg in cf.breakdowns.get("unit", {}).items() if agg.shown
        )
        for component, cf in figures.components.items()
    }
    orgs = {
        component: frozenset(
            organization_group(group)
            for group, agg in cf.breakdowns.get("organization", {}).items()
            if agg.shown and group is not None
        )
        for component, cf in figures.components.items()
    }
    return SurveyEvidence(ratings, groups, orgs, organizations, published=True)


def survey_evidence(
    *, as_of: dt.datetime, unit_id: int | None = None, person_id: int | None = None
) -> SurveyEvidence:
    published = published_series(unit_id=unit_id, person_id=person_id, as_of=as_of)
    if not published:
        return SurveyEvidence()
    subject = f"unit:{unit_id}" if unit_id else f"person:{person_id}"
    return _evidence(published[-1], subject)


def survey_ratings(
    *, as_of: dt.datetime, unit_id: int | None = None, person_id: int | None = None
) -> list[r.Rating]:
    return survey_evidence(as_of=as_of, unit_id=unit_id, person_id=person_id).ratings


def survey_evidence_for_units(
    *, as_of: dt.datetime, unit_ids: Iterable[int]
) -> dict[int, SurveyEvidence]:
    """`survey_evidence` of many units (for the trust map); one query finds the few units
    that have a closed campaign at all."""
    wanted = set(unit_ids)
    # The few surveyed units are listed and kept in Python: an IN of hundreds of ids (the map
    # of a large organization) cost the ORM more than the query itself.
    closed = Campaign.objects.filter(status=CampaignStatus.CLOSED, closed_at__lte=as_of)
    surveyed = set(closed.values_list("subject_unit_id", flat=True).distinct()) & wanted
    # One empty (frozen) answer shared by the units nobody surveyed.
    nothing = SurveyEvidence()
    return {
        unit: survey_evidence(as_of=as_of, unit_id=unit) if unit in surveyed else nothing
        for unit in wanted
    }
