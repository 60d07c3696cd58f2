from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    """The monitoring log: items, situations with watched countries, country assessments, feeds and situation
    reports."""

    name = "arena.monitoring"
    label = "monitoring"
    verbose_name = _("Følge med")

    def ready(self):
        from arena.monitoring import (
            kinds,  # noqa: F401 - the report document kind and notification kind
            search,
        )
        from arena.monitoring.log_actions import register_labels
        from arena.monitoring.topics import on_post_migrate

        register_labels()
        from arena.monitoring.annual import monitoring_chapter
        from arena.reporting.builder import add_chapter_source

        add_chapter_source(monitoring_chapter)
        search.register()
        post_migrate.connect(on_post_migrate, sender=self, dispatch_uid="arena.monitoring.topics")
