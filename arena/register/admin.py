"""Django admin for the register: every model, with names/aliases inline and search on the fields people use."""

from django.contrib import admin

from arena.register import models as m


class AliasInline(admin.TabularInline):
    """Other names and spellings. The entity's own name fields are mirrored automatically and not shown here."""

    model = m.Alias
    extra = 1
    fields = ["name"]
    verbose_name_plural = "andre navn og skrivemåter"

    def get_queryset(self, request):
        return super().get_queryset(request).filter(kind=m.Alias.Kind.ALIAS)


class UnitRoleInline(admin.TabularInline):
    model = m.UnitRole
    extra = 0
    autocomplete_fields = ["person", "unit"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person", "unit")


class EngagementInline(admin.TabularInline):
    model = m.Engagement
    extra = 0
    fields = ["unit", "arena", "role", "starts_on", "ends_on"]
    autocomplete_fields = ["unit", "arena"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("unit", "arena")


@admin.register(m.Unit)
class UnitAdmin(admin.ModelAdmin):
    list_select_related = ["parent"]
    list_display = ["name", "abbreviation", "kind", "parent", "is_coordinator"]
    list_filter = ["kind", "is_coordinator"]
    search_fields = ["name", "name_en", "abbreviation", "aliases__name"]
    inlines = [AliasInline, UnitRoleInline]


@admin.register(m.Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_select_related = ["parent", "country"]
    list_display = ["name", "abbreviation", "kind", "parent", "country"]
    list_filter = ["kind"]
    search_fields = ["name", "name_en", "abbreviation", "aliases__name"]
    autocomplete_fields = ["parent", "country"]
    inlines = [AliasInline]


@admin.register(m.Arena)
class ArenaAdmin(admin.ModelAdmin):
    list_select_related = ["organisation"]
    list_display = ["name", "abbreviation", "kind", "organisation", "starts_on", "ends_on"]
    list_filter = ["kind", "organisation"]
    search_fields = ["name", "name_en", "abbreviation", "aliases__name"]
    autocomplete_fields = ["organisation", "parent", "countries"]
    inlines = [AliasInline, EngagementInline]


@admin.register(m.Engagement)
class EngagementAdmin(admin.ModelAdmin):
    list_select_related = ["unit", "arena"]
    list_display = ["unit", "arena", "role", "starts_on", "ends_on"]
    list_filter = ["role", "unit"]
    search_fields = ["arena__name", "arena__abbreviation", "unit__name", "note"]
    autocomplete_fields = ["unit", "arena", "people", "areas", "source"]


@admin.register(m.Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_select_related = ["main_area"]
    list_display = ["title", "year", "kind", "main_area"]
    list_filter = ["year", "kind", "units", "main_area"]
    search_fields = ["title", "description"]
    autocomplete_fields = ["units", "arenas", "partners", "countries", "areas", "main_area", "source"]


@admin.register(m.Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["family_name", "given_name", "title", "email", "is_fictitious"]
    search_fields = ["given_name", "family_name", "email"]
    inlines = [UnitRoleInline]


@admin.register(m.Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "code", "code3"]
    search_fields = ["name", "name_en", "code", "code3"]


class AreaInline(admin.TabularInline):
    model = m.Area
    extra = 0


@admin.register(m.Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "starts_year", "ends_year"]
    inlines = [AreaInline]


@admin.register(m.Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "framework", "number"]
    list_filter = ["framework"]
    search_fields = ["name", "name_en", "code"]


@admin.register(m.Outlook)
class OutlookAdmin(admin.ModelAdmin):
    list_select_related = ["unit"]
    list_display = ["unit", "year"]
    list_filter = ["year", "unit"]
    autocomplete_fields = ["areas", "arenas"]


@admin.register(m.GuidingDocument)
class GuidingDocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "reference", "category", "kind", "year"]
    list_filter = ["category", "kind"]
    search_fields = ["title", "reference"]


@admin.register(m.SourceDocument)
class SourceDocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "year"]
    search_fields = ["title"]


@admin.register(m.Alias)
class AliasAdmin(admin.ModelAdmin):
    list_select_related = ["organisation", "arena", "unit"]
    list_display = ["name", "kind", "organisation", "arena", "unit"]
    list_filter = ["kind"]
    search_fields = ["name", "normalized"]
