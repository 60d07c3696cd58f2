"""The managed topic list and the monitoring team's group, kept present after every migrate (post_migrate):
missing topics are created through the write path as the system (action "reference"); existing ones are never
overwritten, so a renamed topic stays renamed."""

from django.utils.translation import gettext_noop

from arena.register import changes
from arena.register.permissions import MONITORING_TEAM_GROUP, Access

STANDARD_TOPICS = (
    ("covid-19", gettext_noop("Covid-19"), "COVID-19"),
    ("amr", gettext_noop("Antimikrobiell resistens (AMR)"), "Antimicrobial resistance (AMR)"),
    ("legemiddelmangel", gettext_noop("Legemiddelmangel"), "Medicine shortages"),
    ("beredskap", gettext_noop("Beredskap"), "Preparedness"),
    ("vaksinasjon", gettext_noop("Vaksinasjon"), "Vaccination"),
    ("utbrudd", gettext_noop("Utbrudd av smittsom sykdom"), "Disease outbreaks"),
)


def ensure_topics() -> None:
    from arena.monitoring.models import Topic

    existing = set(Topic.objects.values_list("key", flat=True))
    for key, name, name_en in STANDARD_TOPICS:
        if key not in existing:
            changes.save(
                Topic(key=key, name=name, name_en=name_en), by=Access.system(), action=changes.REFERENCE
            )


def ensure_team_group() -> None:
    from django.contrib.auth.models import Group

    Group.objects.get_or_create(name=MONITORING_TEAM_GROUP)


def on_post_migrate(sender, **kwargs) -> None:
    if sender.label != "monitoring":
        return
    ensure_team_group()
    ensure_topics()
