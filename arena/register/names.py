"""Finding register entities by any of their names, and keeping the name table in step with the entities.

Lookups go through `Alias.normalized`, so they are case-insensitive for all letters (also æ, ø, å) on SQLite
and PostgreSQL alike.
"""

from django.db.models import QuerySet

from arena.register.models import Alias, Arena, Organisation, Unit
from arena.register.models.names import add_alias_rows
from arena.register.normalize import normalize_name

_OWNER_FIELD = {Organisation: "organisation", Arena: "arena", Unit: "unit"}


def add_aliases(entity, names) -> None:
    """Record other names or spellings of an entity (idempotent). Low-level, for loaders and tests; a person's
    change goes through arena.register.changes so that it is versioned."""
    add_alias_rows(entity, names)


def _by_name(model, name: str) -> QuerySet:
    field = _OWNER_FIELD[model]
    return model.objects.filter(
        pk__in=Alias.objects.filter(normalized=normalize_name(name)).values(field)
    ).distinct()


def find_organisations(name: str) -> QuerySet:
    """Organisations known by exactly this name, abbreviation or alias (any case)."""
    return _by_name(Organisation, name)


def find_arenas(name: str) -> QuerySet:
    """Arenas and programmes known by exactly this name, abbreviation or alias (any case)."""
    return _by_name(Arena, name)


def find_units(name: str) -> QuerySet:
    """Units known by exactly this name, abbreviation or alias (any case)."""
    return _by_name(Unit, name)
