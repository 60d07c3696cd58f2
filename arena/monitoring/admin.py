"""Admin for the monitoring log's set-up (coordinator only, through the write path): the managed topic list,
situations with their watched countries, and feeds. Items, assessments and reports are written on the
/folge-med/ pages; the team's membership is the Django group "monitoring-team" (Grupper in the admin)."""

from django.contrib import admin

from arena.monitoring.models import FeedSource, Situation, Topic
from arena.register.admin import RegisterAdmin


@admin.register(Topic)
class TopicAdmin(RegisterAdmin):
    list_display = ["name", "key", "name_en"]
    search_fields = ["name", "key"]


@admin.register(Situation)
class SituationAdmin(RegisterAdmin):
    list_display = ["name", "starts_on", "ends_on"]
    filter_horizontal = ["countries", "topics"]


@admin.register(FeedSource)
class FeedSourceAdmin(RegisterAdmin):
    list_display = ["name", "url", "active", "last_polled_at"]
    list_filter = ["active"]
    filter_horizontal = ["topics"]
    raw_id_fields = ["source_organisation"]
