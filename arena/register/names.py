"""Finding register entities by any of their names, and keeping the name table in step with the entities.

Lookups go through `Alias.normalized`, so they are case-insensitive for all letters (also æ, ø, å) on SQLite
and PostgreSQL alike.
"""

from django.db.models import QuerySet

from arena.register.models import Alias, Arena, Organisation, Unit
from arena.register.normalize import normalize_name

_OWNER_FIELD = {Organisation: "organisation", Arena: "arena", Unit: "unit"}
_MIRRORED = (
    ("name", Alias.Kind.NAME),
    ("name_en", Alias.Kind.NAME_EN),
    ("abbreviation", Alias.Kind.ABBREVIATION),
)


def sync_names(entity) -> None:
    """Make the entity's own name fields present as Alias rows, and drop mirrored rows that no longer match.

    Aliases of kind ALIAS are the user's own and are never removed here.
    """
    field = _OWNER_FIELD[type(entity)]
    rows = Alias.objects.filter(**{field: entity})
    wanted = {}
    for attr, kind in _MIRRORED:
        value = (getattr(entity, attr) or "").strip()
        if value:
            wanted.setdefault(normalize_name(value), (value, kind))
    rows.filter(kind__in=[k for _, k in _MIRRORED]).exclude(normalized__in=wanted).delete()
    existing = {a.normalized: a for a in rows}
    for normalized, (value, kind) in wanted.items():
        alias = existing.get(normalized)
        if alias is None:
            Alias.objects.create(name=value, kind=kind, **{field: entity})
        elif alias.kind != kind and alias.kind != Alias.Kind.ALIAS:
            alias.kind, alias.name = kind, value
            alias.save(update_fields=["kind", "name", "normalized"])


def add_aliases(entity, names) -> None:
    """Record other names or spellings of an entity (idempotent)."""
    field = _OWNER_FIELD[type(entity)]
    for value in names:
        value = value.strip()
        if (
            value
            and not Alias.objects.filter(**{field: entity, "normalized": normalize_name(value)}).exists()
        ):
            Alias.objects.create(name=value, kind=Alias.Kind.ALIAS, **{field: entity})


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
