"""Django admin for the register: every model, with names/aliases inline and search on the fields people use.

The admin is the coordinator's tool for bulk work (permissions from `Access`), and it writes through the
register's write path: each save is one version of the record — fields, relations and other names together —
attributed to the user and labelled "admin"; deletions are attributed too."""

from django.contrib import admin

from arena.register import changes
from arena.register import models as m


def _versioned(obj) -> bool:
    return hasattr(type(obj), "_record_history")


def _save_unversioned(obj) -> None:
    """Save without the automatic version: the write path records one for the whole admin action."""
    obj.skip_history_when_saving = True
    try:
        obj.save()
    finally:
        del obj.skip_history_when_saving


class CoordinatorOnly:
    """Admin permissions from the one vocabulary: the admin is the coordinator's."""

    def has_module_permission(self, request):
        return request.access.is_coordinator

    def has_view_permission(self, request, obj=None):
        return request.access.is_coordinator

    def has_add_permission(self, request, *args):
        return request.access.is_coordinator

    def has_change_permission(self, request, obj=None):
        return request.access.is_coordinator

    def has_delete_permission(self, request, obj=None):
        return request.access.is_coordinator


class RegisterAdmin(CoordinatorOnly, admin.ModelAdmin):
    """Saves, inline saves and deletions through arena.register.changes."""

    def save_model(self, request, obj, form, change):
        if _versioned(obj):
            _save_unversioned(obj)
        else:
            super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = form.instance
        if _versioned(obj):
            changes.record_version(obj, by=request.access, action=changes.ADMIN, created=not change)
        elif isinstance(obj, m.Alias) and obj.owner is not None:
            changes.record_version(obj.owner, by=request.access, action=changes.ADMIN)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            if _versioned(obj):
                changes.delete(obj, by=request.access, action=changes.ADMIN)
            else:
                obj.delete()
        for obj in instances:
            _save_unversioned(obj) if _versioned(obj) else obj.save()
        formset.save_m2m()
        for obj in instances:
            if _versioned(obj):
                changes.record_version(
                    obj, by=request.access, action=changes.ADMIN, created=obj in formset.new_objects
                )

    def delete_model(self, request, obj):
        owner = obj.owner if isinstance(obj, m.Alias) else None
        if _versioned(obj):
            changes.delete(obj, by=request.access, action=changes.ADMIN)
        else:
            obj.delete()
        if owner is not None:
            changes.record_version(owner, by=request.access, action=changes.ADMIN)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


class AliasInline(CoordinatorOnly, admin.TabularInline):
    """Other names and spellings. The entity's own name fields are mirrored automatically and not shown here."""

    model = m.Alias
    extra = 1
    fields = ["name"]
    verbose_name_plural = "andre navn og skrivemåter"

    def get_queryset(self, request):
        return super().get_queryset(request).filter(kind=m.Alias.Kind.ALIAS)


class UnitRoleInline(CoordinatorOnly, admin.TabularInline):
    model = m.UnitRole
    extra = 0
    autocomplete_fields = ["person", "unit"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person", "unit")


class EngagementInline(CoordinatorOnly, admin.TabularInline):
    model = m.Engagement
    extra = 0
    fields = ["unit", "partner", "arena", "role", "starts_on", "ends_on"]
    autocomplete_fields = ["unit", "partner", "arena"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("unit", "partner", "arena")


@admin.register(m.Unit)
class UnitAdmin(RegisterAdmin):
    list_select_related = ["parent"]
    list_display = ["name", "abbreviation", "kind", "parent", "is_coordinator"]
    list_filter = ["kind", "is_coordinator"]
    search_fields = ["name", "name_en", "abbreviation", "aliases__name"]
    inlines = [AliasInline, UnitRoleInline]


@admin.register(m.Organisation)
class OrganisationAdmin(RegisterAdmin):
    list_select_related = ["parent", "country"]
    list_display = ["name", "abbreviation", "kind", "parent", "country"]
    list_filter = ["kind"]
    search_fields = ["name", "name_en", "abbreviation", "aliases__name"]
    autocomplete_fields = ["parent", "country"]
    inlines = [AliasInline]


@admin.register(m.Arena)
class ArenaAdmin(RegisterAdmin):
    list_select_related = ["organisation"]
    list_display = ["name", "abbreviation", "kind", "organisation", "starts_on", "ends_on"]
    list_filter = ["kind", "organisation"]
    search_fields = ["name", "name_en", "abbreviation", "aliases__name"]
    autocomplete_fields = ["organisation", "parent", "countries"]
    inlines = [AliasInline, EngagementInline]


@admin.register(m.Engagement)
class EngagementAdmin(RegisterAdmin):
    list_select_related = ["unit", "partner", "arena"]
    list_display = ["unit", "partner", "arena", "role", "starts_on", "ends_on"]
    list_filter = ["role", "unit"]
    search_fields = ["arena__name", "arena__abbreviation", "unit__name", "partner__name", "note"]
    autocomplete_fields = ["unit", "partner", "arena", "people", "areas", "source"]


@admin.register(m.Activity)
class ActivityAdmin(RegisterAdmin):
    list_select_related = ["main_area"]
    list_display = ["title", "year", "kind", "main_area"]
    list_filter = ["year", "kind", "units", "main_area"]
    search_fields = ["title", "description"]
    autocomplete_fields = ["units", "arenas", "partners", "countries", "areas", "main_area", "source"]


@admin.register(m.Person)
class PersonAdmin(RegisterAdmin):
    list_display = ["family_name", "given_name", "title", "email", "is_fictitious"]
    search_fields = ["given_name", "family_name", "email"]
    inlines = [UnitRoleInline]


@admin.register(m.Country)
class CountryAdmin(RegisterAdmin):
    list_display = ["name", "name_en", "code", "code3"]
    search_fields = ["name", "name_en", "code", "code3"]


class AreaInline(CoordinatorOnly, admin.TabularInline):
    model = m.Area
    extra = 0


@admin.register(m.Framework)
class FrameworkAdmin(RegisterAdmin):
    list_display = ["name", "code", "starts_year", "ends_year"]
    inlines = [AreaInline]


@admin.register(m.Area)
class AreaAdmin(RegisterAdmin):
    list_display = ["name", "framework", "number"]
    list_filter = ["framework"]
    search_fields = ["name", "name_en", "code"]


@admin.register(m.Outlook)
class OutlookAdmin(RegisterAdmin):
    list_select_related = ["unit"]
    list_display = ["unit", "year"]
    list_filter = ["year", "unit"]
    autocomplete_fields = ["areas", "arenas"]


@admin.register(m.GuidingDocument)
class GuidingDocumentAdmin(RegisterAdmin):
    list_display = ["title", "reference", "category", "kind", "year"]
    list_filter = ["category", "kind"]
    search_fields = ["title", "reference"]


@admin.register(m.SourceDocument)
class SourceDocumentAdmin(RegisterAdmin):
    list_display = ["title", "kind", "year"]
    search_fields = ["title"]


@admin.register(m.Alias)
class AliasAdmin(RegisterAdmin):
    list_select_related = ["organisation", "arena", "unit"]
    list_display = ["name", "kind", "organisation", "arena", "unit"]
    list_filter = ["kind"]
    search_fields = ["name", "normalized"]
