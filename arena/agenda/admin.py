"""Django admin for the agenda, for the coordinator (support and bulk corrections). It writes through the
register's write path like arena/register/admin.py: each save is one attributed version labelled "admin",
relations and inlines included; deletions are attributed too.

Workflow steps are not done here: a note's status, who delivered or approved it and when, and a meeting's
SEQUENCE are read-only (the agenda's pages and arena.agenda.notes do the steps, logged and notified). A change to
a meeting or a deadline that a calendar shows still raises its SEQUENCE, as arena.agenda.meetings does. Calendar tokens are
secrets and not shown."""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from arena.agenda import meetings
from arena.agenda.models import AgendaItem, BriefingNote, Deadline, Meeting, MeetingSeries, Obligation
from arena.agenda.richtext import sanitize
from arena.register.admin import CoordinatorOnly, RegisterAdmin


class AgendaItemInline(CoordinatorOnly, admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ["position", "number", "title", "area", "suggested_unit", "unit", "confirmed", "note_deadline"]
    autocomplete_fields = ["area", "suggested_unit", "unit"]
    ordering = ["position", "pk"]


class DeadlineInline(CoordinatorOnly, admin.TabularInline):
    model = Deadline
    extra = 0
    fields = ["period", "due_on", "delivered_by", "delivered_at", "remark"]
    autocomplete_fields = ["delivered_by"]
    ordering = ["-due_on"]


@admin.register(MeetingSeries)
class MeetingSeriesAdmin(RegisterAdmin):
    list_select_related = ["arena"]
    list_display = ["name", "arena", "recurrence"]
    search_fields = ["name", "arena__name", "arena__abbreviation"]
    autocomplete_fields = ["arena"]


@admin.register(Meeting)
class MeetingAdmin(RegisterAdmin):
    list_select_related = ["arena"]
    list_display = ["name", "arena", "kind", "starts_at", "status", "norway_has_delegation"]
    list_filter = ["kind", "status", "norway_has_delegation"]
    search_fields = ["name", "arena__name", "arena__abbreviation", "place"]
    date_hierarchy = "starts_at"
    autocomplete_fields = ["arena", "series", "attendee_people", "attendee_units"]
    readonly_fields = ["uid", "sequence"]
    inlines = [AgendaItemInline]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        stored = Meeting.objects.filter(pk=obj.pk).first() if change else None
        if stored is not None and meetings.calendar_state(stored) != meetings.calendar_state(obj):
            obj.sequence = stored.sequence + 1
        super().save_model(request, obj, form, change)


@admin.register(BriefingNote)
class BriefingNoteAdmin(RegisterAdmin):
    list_select_related = ["item__meeting", "unit"]
    list_display = ["item", "meeting", "unit", "status", "deadline", "delivered_at"]
    list_filter = ["status", "unit"]
    search_fields = ["item__title", "item__meeting__name", "unit__name", "unit__abbreviation"]
    autocomplete_fields = ["unit"]
    fields = [
        "item", "unit", "deadline", "status", "background", "position", "intervention", "coordinator_comment",
        "delivered_by", "delivered_at", "approved_by", "approved_at",
    ]  # fmt: skip
    readonly_fields = ["item", "status", "delivered_by", "delivered_at", "approved_by", "approved_at"]

    def has_add_permission(self, request, *args):
        return False  # a note is made by confirming its agenda item's unit (arena.agenda.notes)

    @admin.display(description=_("møte"), ordering="item__meeting__starts_at")
    def meeting(self, note):
        return note.item.meeting

    def save_model(self, request, obj, form, change):
        for field in ("background", "position", "intervention"):
            setattr(obj, field, sanitize(getattr(obj, field)))
        super().save_model(request, obj, form, change)


@admin.register(Obligation)
class ObligationAdmin(RegisterAdmin):
    list_select_related = ["unit", "organisation", "arena"]
    list_display = [
        "name",
        "organisation",
        "arena",
        "unit",
        "recurrence",
        "due_month",
        "due_day",
        "is_active",
    ]
    list_filter = ["recurrence", "is_active", "unit"]
    search_fields = ["name", "description", "organisation__name", "arena__name"]
    autocomplete_fields = ["organisation", "arena", "unit"]
    inlines = [DeadlineInline]

    def save_formset(self, request, form, formset, change):
        # A deadline a calendar shows differently gets a higher SEQUENCE (as obligations.mark_delivered does).
        for deadline_form in formset.forms:
            deadline = deadline_form.instance
            if deadline.pk and {"period", "due_on", "delivered_at"} & set(deadline_form.changed_data):
                deadline.sequence += 1
        super().save_formset(request, form, formset, change)
