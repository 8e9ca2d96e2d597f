from django.contrib import admin

from trustledger.directory.models import Organization, Person, PersonIdentity, Unit


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "parent", "kind"]
    list_filter = ["organization"]
    search_fields = ["name"]
    autocomplete_fields = ["parent"]


class IdentityInline(admin.TabularInline):
    model = PersonIdentity
    extra = 0


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["display_name", "title", "organization", "unit"]
    list_filter = ["organization"]
    search_fields = ["display_name", "identities__normalized"]
    autocomplete_fields = ["organization", "unit"]
    inlines = [IdentityInline]
