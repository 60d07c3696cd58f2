"""Loading the demo data: Helsedirektoratet's units, fictitious people with demo logins, engagements, activities
and outlooks for 2019 and 2020. Idempotent: running it twice creates nothing new.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction

from arena.register import changes
from arena.register.demo.activities_2019 import ACTIVITIES_2019
from arena.register.demo.activities_2020 import ACTIVITIES_2020
from arena.register.demo.engagements import ENGAGEMENTS
from arena.register.demo.outlooks import OUTLOOKS
from arena.register.demo.records import REPORT_2019, REPORT_2020
from arena.register.demo.units import PEOPLE, UNITS
from arena.register.models import (
    Activity,
    Area,
    Arena,
    Country,
    Engagement,
    Organisation,
    Outlook,
    Person,
    SourceDocument,
    Unit,
    UnitRole,
)
from arena.register.permissions import Access
from arena.register.reference.frameworks import area_tag
from arena.register.reference.load import create_missing, load_reference

DEMO_PASSWORD = "arena-demo"  # noqa: S105 - printed for the demo installation on purpose
DEMO_LOGINS = {
    # username: (person index in PEOPLE, is superuser)
    "koordinator": (0, True),
    "kontakt-kf": (5, False),
    "kontakt-ff": (2, False),
    "leser": (8, False),
}
ACTIVITIES = [*ACTIVITIES_2019, *ACTIVITIES_2020]
SYSTEM = Access.system()


def _save(obj, relations=None):
    """Every demo row is written through the register's write path: one version, by the system, "demo"."""
    return changes.save(obj, by=SYSTEM, action=changes.DEMO, relations=relations)


class _Keys:
    """Look-up tables from the demo records' keys to database rows."""

    def __init__(self):
        self.units = {u.key: u for u in Unit.objects.filter(key__isnull=False)}
        self.arenas = {a.key: a for a in Arena.objects.filter(key__isnull=False)}
        self.orgs = {o.key: o for o in Organisation.objects.filter(key__isnull=False)}
        self.countries = {c.code: c for c in Country.objects.all()}
        self.areas = {area_tag(a): a for a in Area.objects.select_related("framework")}


def _sources() -> dict[str, SourceDocument]:
    docs = {}
    for title, year in ((REPORT_2019, 2019), (REPORT_2020, 2020)):
        docs[title], _ = SourceDocument.objects.get_or_create(
            title=title, year=year, defaults={"kind": SourceDocument.Kind.ANNUAL_REPORT}
        )
    return docs


def load_units() -> None:
    """The directorate's units (idempotent): the register's own structure, without any activity."""
    create_missing(
        Unit,
        UNITS,
        lambda rec, by_key: {
            "name": rec.name,
            "name_en": rec.name_en,
            "abbreviation": rec.abbreviation,
            "kind": rec.kind,
            "parent": by_key.get(rec.parent),
            "is_coordinator": rec.is_coordinator,
        },
    )


def _people(keys: _Keys) -> None:
    User = get_user_model()
    for index, rec in enumerate(PEOPLE):
        person = Person.objects.filter(given_name=rec.given_name, family_name=rec.family_name).first()
        if person is None:
            person = _save(
                Person(
                    given_name=rec.given_name,
                    family_name=rec.family_name,
                    title=rec.title,
                    is_fictitious=True,
                )
            )
        unit = keys.units[rec.unit]
        if not UnitRole.objects.filter(person=person, unit=unit, role=rec.role, ends_on=None).exists():
            _save(UnitRole(person=person, unit=unit, role=rec.role))
        for username, (person_index, superuser) in DEMO_LOGINS.items():
            if person_index == index and person.user is None:
                user = User.objects.filter(username=username).first()
                if user is None:
                    user = User.objects.create_user(
                        username,
                        password=DEMO_PASSWORD,
                        first_name=rec.given_name,
                        last_name=rec.family_name,
                        is_staff=superuser,
                        is_superuser=superuser,
                    )
                person.user = user
                _save(person)


def _engagements(keys: _Keys, sources) -> None:
    for rec in ENGAGEMENTS:
        match = {
            "unit": keys.units[rec.unit],
            "arena": keys.arenas[rec.arena],
            "role": rec.role,
            "starts_on": datetime.date(rec.start, 1, 1) if rec.start else None,
        }
        if Engagement.objects.filter(**match).exists():
            continue
        engagement = Engagement(
            **match,
            ends_on=datetime.date(rec.end, 12, 31) if rec.end else None,
            note=rec.note,
            source=sources[rec.source],
            source_section=rec.section,
        )
        _save(engagement, {"areas": [keys.areas[a] for a in rec.areas]})


def _activities(keys: _Keys, sources) -> None:
    for rec in ACTIVITIES:
        if Activity.objects.filter(year=rec.year, title=rec.title).exists():
            continue
        activity = Activity(
            year=rec.year,
            title=rec.title,
            description=rec.description,
            kind=rec.kind,
            main_area=keys.areas[rec.main_area],
            source=sources[REPORT_2019 if rec.year == 2019 else REPORT_2020],
            source_section=rec.section,
        )
        relations = {
            "units": [keys.units[u] for u in rec.units],
            "arenas": [keys.arenas[a] for a in rec.arenas],
            "partners": [keys.orgs[o] for o in rec.partners],
            "countries": [keys.countries[c] for c in rec.countries],
            "areas": [keys.areas[a] for a in (rec.main_area, *rec.areas)],
        }
        _save(activity, relations)


def _outlooks(keys: _Keys) -> None:
    for rec in OUTLOOKS:
        unit = keys.units[rec.unit]
        if Outlook.objects.filter(unit=unit, year=rec.year).exists():
            continue
        relations = {
            "areas": [keys.areas[a] for a in rec.areas],
            "arenas": [keys.arenas[a] for a in rec.arenas],
        }
        _save(Outlook(unit=unit, year=rec.year, text=rec.text), relations)


def _load_other_apps() -> None:
    """Demo data of the apps beside the register (each loader idempotent), in the same transaction."""
    from django.apps import apps

    if apps.is_installed("arena.agenda"):
        from arena.agenda.demo import load_agenda_demo

        load_agenda_demo()
    if apps.is_installed("arena.monitoring"):
        from arena.monitoring.demo import load_monitoring_demo

        load_monitoring_demo()


@transaction.atomic
def load_demo() -> dict[str, int]:
    """Load reference data and the demo register in one transaction; returns the resulting row counts."""
    load_reference()
    sources = _sources()
    load_units()
    keys = _Keys()
    _people(keys)
    _engagements(keys, sources)
    _activities(keys, sources)
    _outlooks(keys)
    _load_other_apps()
    return {
        "units": Unit.objects.count(),
        "people": Person.objects.count(),
        "organisations": Organisation.objects.count(),
        "arenas": Arena.objects.count(),
        "engagements": Engagement.objects.count(),
        "activities": Activity.objects.count(),
        "outlooks": Outlook.objects.count(),
    }
