"""The register's models; each module holds one part of the domain."""

from arena.register.models.base import SourceDocument
from arena.register.models.cooperation import Arena, Engagement, Organisation
from arena.register.models.geo import Country
from arena.register.models.log import LogEntry
from arena.register.models.names import Alias
from arena.register.models.units import Person, Unit, UnitRole
from arena.register.models.work import Activity, Area, Framework, GuidingDocument, Outlook

__all__ = [
    "Activity",
    "Alias",
    "Area",
    "Arena",
    "Country",
    "Engagement",
    "Framework",
    "GuidingDocument",
    "LogEntry",
    "Organisation",
    "Outlook",
    "Person",
    "SourceDocument",
    "Unit",
    "UnitRole",
]
