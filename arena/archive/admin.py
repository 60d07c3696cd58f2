from django.contrib import admin

from arena.archive.models import ArchiveHandoff


@admin.register(ArchiveHandoff)
class ArchiveHandoffAdmin(admin.ModelAdmin):
    """Read only: hand-offs are recorded by arena.archive.handoff, never edited."""

    list_display = ("handed_off_at", "kind", "object_id", "message_id", "handed_off_by", "by_system")
    list_filter = ("kind",)
    readonly_fields = [f.name for f in ArchiveHandoff._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
