from django.contrib import admin

from trustledger.surveys.models import Campaign, Invitation


class InvitationInline(admin.TabularInline):
    model = Invitation
    extra = 0
    fields = ["email", "rater_person", "is_self", "sent_at", "responded"]
    readonly_fields = fields


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    """Campaigns only: raw responses are never shown, not even to admins."""

    list_display = ["title", "status", "opened_at", "closed_at"]
    inlines = [InvitationInline]
