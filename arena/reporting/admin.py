"""Admin for the reporting models, read-only and for the coordinator (support): the cycle's steps happen on the
/arsmelding/ pages, through arena.reporting.cycle, so every step is checked and logged. Issued versions' files
are never replaced."""

from django.contrib import admin

from arena.register.admin import CoordinatorOnly
from arena.reporting.models import EditorialText, IssuedReport, ReportingCycle, Submission


class ReadOnly(CoordinatorOnly):
    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SubmissionInline(ReadOnly, admin.TabularInline):
    model = Submission
    fields = ["unit", "status", "submitted_at", "reviewed_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(ReportingCycle)
class ReportingCycleAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["year", "status", "deadline", "opened_at", "approved_at"]
    list_filter = ["status"]
    readonly_fields = ["opened_by", "opened_at", "approved_by", "approved_at"]
    filter_horizontal = ["guiding_documents"]
    inlines = [SubmissionInline]


@admin.register(Submission)
class SubmissionAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["unit", "cycle", "status", "submitted_at", "reviewed_at"]
    list_filter = ["status", "cycle"]
    list_select_related = ["unit", "cycle"]
    readonly_fields = [
        "prefilled",
        "prefilled_at",
        "submitted_by",
        "submitted_at",
        "reviewed_by",
        "reviewed_at",
    ]


@admin.register(IssuedReport)
class IssuedReportAdmin(ReadOnly, admin.ModelAdmin):
    list_display = [
        "year",
        "layout",
        "version",
        "is_draft",
        "status",
        "progress",
        "requested_by",
        "issued_at",
    ]
    list_filter = ["year", "layout", "is_draft", "status"]
    list_select_related = ["requested_by"]


@admin.register(EditorialText)
class EditorialTextAdmin(ReadOnly, admin.ModelAdmin):
    """Read-only: texts are written on the texts and submission pages (arena.reporting.editorial)."""

    list_display = ["cycle", "kind", "chapter", "unit", "area", "updated_at"]
    list_filter = ["kind", "cycle"]
    list_select_related = ["cycle", "unit", "area"]
