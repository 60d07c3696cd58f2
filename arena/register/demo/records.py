"""Record types for the demo data: Helsedirektoratet's units, placeholder people, engagements, activities and
outlooks for 2019 and 2020, as the two annual reports state the facts, written in Arena's own words.

Keys refer to reference data (arena/register/reference/) and to the units below. Area tags are written
"hod:<code>" (the ministry's strategy 2021–2025) or "sdg:<number>".
"""

from typing import NamedTuple

REPORT_2019 = "Internasjonal årsmelding 2019"
REPORT_2020 = "Internasjonal årsmelding 2020"


class UnitRec(NamedTuple):
    key: str
    name: str
    name_en: str
    abbreviation: str
    kind: str
    parent: str | None = None
    aliases: tuple[str, ...] = ()
    is_coordinator: bool = False


class PersonRec(NamedTuple):
    given_name: str
    family_name: str
    unit: str
    role: str  # UnitRole.Role value
    title: str = ""


class EngagementRec(NamedTuple):
    unit: str
    arena: str
    role: str  # Engagement.Role value
    start: int | None  # first year; None when the reports do not say
    end: int | None = None
    areas: tuple[str, ...] = ()
    note: str = ""
    source: str = REPORT_2019
    section: str = ""


class ActivityRec(NamedTuple):
    year: int
    units: tuple[str, ...]
    title: str
    description: str
    kind: str  # Activity.Kind value
    main_area: str  # "hod:<code>"
    arenas: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()  # further tags besides main_area
    section: str = ""


class OutlookRec(NamedTuple):
    unit: str
    year: int
    text: str
    areas: tuple[str, ...] = ()
    arenas: tuple[str, ...] = ()
