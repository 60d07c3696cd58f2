"""The register's trees: units under units, organisations under organisations, arenas under arenas and
organisations. One place for every walk up or down them, used by permissions, the reporting cycle, the report,
the dashboard figures and search.

Each tree is loaded with one query (ids and parent ids only) and answers any number of questions without
further queries. Broken data (a parent cycle) never loops: every walk stops at a node it has seen.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from django.db.models import Case, IntegerField, Value, When

from arena.register.models import Arena, Organisation, Unit
from arena.register.stamps import ORGANISATIONS, memo
from arena.register.tree import Tree

# The directorate first, then divisions, departments and teams (the model orders kinds alphabetically).
UNIT_KINDS = (Unit.Kind.DIRECTORATE, Unit.Kind.DIVISION, Unit.Kind.DEPARTMENT, Unit.Kind.TEAM)


@cache
def unit_kind_order(prefix: str = "") -> Case:
    """An expression ranking units by kind as in UNIT_KINDS; `prefix` reaches a related unit ("unit__").

    One instance per prefix: the ORM copies an expression before resolving it, so sharing is safe, and the
    instance keeps its `identity`, which the ORM hashes several times a query and which costs about 0.1 ms
    to work out for this Case anew."""
    return Case(
        *(When(**{f"{prefix}kind": kind}, then=Value(rank)) for rank, kind in enumerate(UNIT_KINDS)),
        default=Value(len(UNIT_KINDS)),
        output_field=IntegerField(),
    )


def unit_sort_key(unit: Unit) -> tuple[int, str]:
    """The Python twin of `unit_kind_order()`, name second."""
    kind = UNIT_KINDS.index(unit.kind) if unit.kind in UNIT_KINDS else len(UNIT_KINDS)
    return kind, unit.name


class UnitTree(Tree):
    """The directorate's units; `report_unit` is the section a unit reports under."""

    def __init__(self, units: dict[int, Unit]):
        super().__init__({pk: u.parent_id for pk, u in units.items()})
        self.units = units

    @classmethod
    def load(cls) -> UnitTree:
        return cls(Unit.objects.in_bulk())

    def report_unit(self, pk: int) -> int:
        """The unit a unit reports under: itself if it is a top unit or directly under one, else its ancestor
        directly under the top unit (a department reports under its division)."""
        chain = self.ancestors(pk)
        return chain[-2] if len(chain) >= 2 else chain[-1]

    def report_units(self) -> list[Unit]:
        """The report's section order: top units by name, then the units directly under them by kind and
        name."""
        tops = sorted((u for u in self.units.values() if u.parent_id is None), key=lambda u: u.name)
        second = {self.report_unit(pk) for pk in self.units} - {u.pk for u in tops}
        return [*tops, *sorted((self.units[pk] for pk in second), key=unit_sort_key)]


@dataclass
class OrganisationTree:
    """Organisations and the arenas under them: an arena belongs to its organisation, or to the nearest parent
    arena's; an organisation's root is its top organisation (WHO for WHO EURO)."""

    organisations: Tree
    arena_parent: dict[int, int | None]
    arena_organisation_id: dict[int, int | None]
    keys: dict[int, str | None]

    @classmethod
    def load(cls) -> OrganisationTree:
        orgs = Organisation.objects.values_list("pk", "parent_id", "key")
        arenas = Arena.objects.values_list("pk", "parent_id", "organisation_id")
        return cls(
            organisations=Tree({pk: parent for pk, parent, _key in orgs}),
            arena_parent={pk: parent for pk, parent, _org in arenas},
            arena_organisation_id={pk: org for pk, _parent, org in arenas},
            keys={pk: key for pk, _parent, key in orgs},
        )

    def root(self, organisation_id: int) -> int:
        return self.organisations.root(organisation_id)

    def root_key(self, organisation_id: int | None) -> str:
        return (self.keys.get(self.root(organisation_id)) or "") if organisation_id else ""

    def arena_organisation(self, arena_id: int) -> int | None:
        """The arena's organisation, or the nearest parent arena's."""
        seen = set()
        pk: int | None = arena_id
        while pk is not None and pk not in seen:
            seen.add(pk)
            if self.arena_organisation_id.get(pk) is not None:
                return self.arena_organisation_id[pk]
            pk = self.arena_parent.get(pk)
        return None

    def arena_root(self, arena_id: int) -> int | None:
        """The top organisation an arena falls under, if any."""
        org = self.arena_organisation(arena_id)
        return self.root(org) if org is not None else None

    def below(self, organisation_ids: Iterable[int]) -> set[int]:
        """The given organisations with all their sub-organisations."""
        return self.organisations.descendants(organisation_ids)


@dataclass(frozen=True)
class KeptOrganisations:
    """Every organisation's parent and short name, kept in each process (`kept_organisations()`)."""

    tree: Tree
    short_names: dict[int, str]


@memo(ORGANISATIONS)
def kept_organisations() -> KeptOrganisations:
    """The organisation tree and short names, loaded once per process and again after any organisation is
    saved or deleted (arena/register/stamps.py); search walks it for every query that names an organisation."""
    rows = Organisation.objects.order_by().values_list("pk", "parent_id", "abbreviation", "name")
    return KeptOrganisations(
        tree=Tree({pk: parent for pk, parent, _abbr, _name in rows}),
        short_names={pk: abbreviation or name for pk, _parent, abbreviation, name in rows},
    )
