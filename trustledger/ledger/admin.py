from django.contrib import admin

from trustledger.ledger import models as m

PEOPLE = ["promisor", "promisee"]


class LevelChangeInline(admin.TabularInline):
    model = m.ServiceLevelChange
    extra = 0


@admin.register(m.Relationship)
class RelationshipAdmin(admin.ModelAdmin):
    list_display = ["__str__", "service_level", "status", "started_on"]
    list_filter = ["service_level", "status"]
    raw_id_fields = [
        "our_person",
        "our_unit",
        "counterpart_person",
        "counterpart_unit",
        "counterpart_organization",
        "referred_by",
    ]
    inlines = [LevelChangeInline]


class ParticipantInline(admin.TabularInline):
    model = m.InteractionParticipant
    extra = 0
    raw_id_fields = ["person"]


@admin.register(m.Interaction)
class InteractionAdmin(admin.ModelAdmin):
    list_display = ["occurred_at", "channel", "initiator", "answered", "source"]
    list_filter = ["channel", "source"]
    raw_id_fields = ["initiator", "relationship", "created_by"]
    inlines = [ParticipantInline]
    show_full_result_count = False  # counting tens of millions of rows on every page is wasteful


class CommitmentEventInline(admin.TabularInline):
    model = m.CommitmentEvent
    extra = 0


@admin.register(m.Commitment)
class CommitmentAdmin(admin.ModelAdmin):
    list_display = ["what", "promisor", "promisee", "strength", "state", "due_at"]
    list_filter = ["state", "strength"]
    raw_id_fields = [*PEOPLE, "relationship", "renegotiated_from"]
    inlines = [CommitmentEventInline]


class ReviewMeasureInline(admin.TabularInline):
    model = m.QualityReviewMeasure
    extra = 0


@admin.register(m.QualityReview)
class QualityReviewAdmin(admin.ModelAdmin):
    list_display = ["relationship", "held_on", "next_review_due"]
    inlines = [ReviewMeasureInline]


class StakeholderInline(admin.TabularInline):
    model = m.DecisionStakeholder
    extra = 0


@admin.register(m.Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["title", "decided_at", "deciding_unit"]
    inlines = [StakeholderInline]


for model in (
    m.FeedbackItem,
    m.Need,
    m.Goal,
    m.AgreedMeasure,
    m.Incident,
    m.ServiceLevelIndicator,
    m.ReserveEntry,
):
    admin.site.register(model)
