from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from trustledger.accounts.models import Membership, User
from trustledger.audit.admin import AuditedAdmin


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(User)
class TrustledgerUserAdmin(AuditedAdmin, UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("Ledger", {"fields": ("person",)}))
    autocomplete_fields = ["person"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    list_display = ["user", "unit", "role"]
    list_filter = ["role"]
