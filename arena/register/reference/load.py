"""Loading the reference data shipped with Arena: countries, the gazetteer of organisations and arenas,
strategy frameworks and guiding documents.

Idempotent and conservative: entries are found by their stable key (or natural key) and created when missing;
existing rows are never overwritten, so a coordinator's later corrections survive a reload. A reference row a
user deleted stays deleted: the loader reads the deletion from the change log and does not create that key
again (nor the entries under it). To bring one back, restore it from its history.
"""

import datetime
import gettext

import pycountry
from django.db import transaction
from django.utils import timezone

from arena.register import changes
from arena.register.models import Alias, Area, Arena, Country, Framework, GuidingDocument, Organisation
from arena.register.models.names import unknown_names
from arena.register.normalize import normalize_name
from arena.register.permissions import Access
from arena.register.reference.documents import GUIDING_DOCUMENTS
from arena.register.reference.frameworks import FRAMEWORKS
from arena.register.reference.register import read_register

# Everyday Norwegian names where the ISO list's formal name reads oddly in running text.
_NB_SHORT_NAMES = {
    "RU": "Russland",
    "MD": "Moldova",
    "GB": "Storbritannia",
    "US": "USA",
    "CZ": "Tsjekkia",
    "KR": "Sør-Korea",
    "KP": "Nord-Korea",
    "IR": "Iran",
    "SY": "Syria",
    "TZ": "Tanzania",
    "VE": "Venezuela",
    "BO": "Bolivia",
    "LA": "Laos",
    "VN": "Vietnam",
    "TW": "Taiwan",
}


# Everyday English names where the ISO list's name is formal ("Russian Federation", "Palestine, State of").
_EN_SHORT_NAMES = {
    "RU": "Russia",
    "CZ": "Czech Republic",
    "PS": "Palestine",
    "MD": "Moldova",
    "KR": "South Korea",
    "KP": "North Korea",
    "IR": "Iran",
    "SY": "Syria",
    "TZ": "Tanzania",
    "VE": "Venezuela",
    "BO": "Bolivia",
    "LA": "Laos",
    "VN": "Vietnam",
    "TW": "Taiwan",
    "GB": "United Kingdom",
}


def load_countries() -> int:
    """Create every ISO 3166-1 country that is missing, with bokmål names from pycountry's translations."""
    nb = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["nb_NO"], fallback=True)
    existing = set(Country.objects.values_list("code", flat=True))
    new = []
    for c in pycountry.countries:
        if c.alpha_2 in existing:
            continue
        name_en = _EN_SHORT_NAMES.get(c.alpha_2) or getattr(c, "common_name", None) or c.name
        name_nb = _NB_SHORT_NAMES.get(c.alpha_2) or nb.gettext(c.name)
        new.append(Country(code=c.alpha_2, code3=c.alpha_3, name=name_nb, name_en=name_en))
    Country.objects.bulk_create(new)
    return len(new)


def _year_start(year):
    return datetime.date(year, 1, 1) if year else None


def _year_end(year):
    return datetime.date(year, 12, 31) if year else None


def deleted_keys(model) -> set[str]:
    """Reference keys of rows a user deleted (the change log keeps the deleted row, key included)."""
    return set(model.history.filter(history_type="-", key__isnull=False).values_list("key", flat=True))


def _alias_rows(model, obj, entry) -> list[Alias]:
    """The Alias rows `sync_names` would make for a new row, then the entry's other names."""
    field = model._meta.model_name
    rows, seen = [], set()
    named = (
        (obj.name, Alias.Kind.NAME),
        (obj.name_en, Alias.Kind.NAME_EN),
        (obj.abbreviation, Alias.Kind.ABBREVIATION),
        *((a, Alias.Kind.ALIAS) for a in (entry.abbreviation, *entry.aliases)),
    )
    for value, kind in named:
        value = (value or "").strip()
        normalized = normalize_name(value)
        if value and normalized not in seen:
            seen.add(normalized)
            rows.append(Alias(name=value, normalized=normalized, kind=kind, **{field: obj}))
    return rows


def create_missing(model, entries, fields, parents=lambda e: [e.parent], after=None) -> int:
    """Create the entries whose `key` is not yet in `model`'s table; returns how many rows were created.

    - `fields(entry, by_key)` gives a new row's values; `parents(entry)` the keys (of this model or another)
      that must exist first; `after(objs_and_entries)` may set many-to-many relations.
    - Existing rows are never changed, so corrections made in Arena survive a reload.
    - A row someone made by hand under the same name is adopted (given the key) instead of duplicated.
    - A reference row the user deleted is not created again, nor are the entries under it (retiring).
    - A name or abbreviation another row already has is not used twice: such an entry is skipped, an
      abbreviation taken within the kind becomes a plain alias.
    New rows are written in bulk (with their history and Alias rows), parents before children.
    """
    field = model._meta.model_name
    system = Access.system()
    by_key = {obj.key: obj for obj in model.objects.filter(key__isnull=False)}
    gone = deleted_keys(model)
    keyless = {}
    for normalized, pk in Alias.objects.filter(
        **{f"{field}__isnull": False, f"{field}__key__isnull": True}
    ).values_list("normalized", field):
        keyless.setdefault(normalized, pk)
    names = {n.casefold() for n in model.objects.values_list("name", flat=True)}
    abbreviations = set(model.objects.exclude(abbreviation="").values_list("kind", "abbreviation"))
    pending = [e for e in entries if e.key not in by_key]
    created = 0
    while pending:
        ready, waiting = [], []
        pending_keys = {e.key for e in pending}
        for entry in pending:
            needed = [k for k in parents(entry) if k]
            if entry.key in gone or any(k in gone for k in needed):
                gone.add(entry.key)  # retired, or under a retired entry
            elif all(k in by_key for k in needed):
                ready.append(entry)
            elif any(k not in by_key and k not in pending_keys for k in needed):
                gone.add(entry.key)  # its parent could not be created (a name clash): skip it too
            else:
                waiting.append(entry)
        if not ready:
            break
        new = []
        for entry in ready:
            adopted = keyless.get(normalize_name(entry.name))
            if adopted is not None:
                # An adopted row keeps its names; the reference names become other names.
                obj = model.objects.get(pk=adopted)
                obj.key = entry.key
                reference_names = [entry.name, entry.name_en, entry.abbreviation, *entry.aliases]
                changes.save(
                    obj, by=system, action=changes.REFERENCE, add_names=unknown_names(obj, reference_names)
                )
                by_key[entry.key] = obj
                continue
            if entry.name.casefold() in names:
                gone.add(entry.key)
                continue
            values = fields(entry, by_key)
            if values.get("abbreviation") and (values["kind"], values["abbreviation"]) in abbreviations:
                values["abbreviation"] = ""
            names.add(entry.name.casefold())
            if values.get("abbreviation"):
                abbreviations.add((values["kind"], values["abbreviation"]))
            new.append((model(key=entry.key, **values), entry))
        objs = model.objects.bulk_create([obj for obj, _ in new], batch_size=500)
        if any(obj.pk is None for obj in objs):  # a backend that does not return primary keys
            pks = dict(model.objects.filter(key__in=[o.key for o in objs]).values_list("key", "pk"))
            for obj in objs:
                obj.pk = obj.id = pks[obj.key]
        for obj, (_, entry) in zip(objs, new, strict=True):
            by_key[entry.key] = obj
        pairs = list(zip(objs, [entry for _, entry in new], strict=True))
        aliases = [row for obj, entry in pairs for row in _alias_rows(model, obj, entry)]
        Alias.objects.bulk_create(aliases, batch_size=1000)
        if after:
            after(pairs)
        _first_versions(model, objs, aliases, system)
        created += len(objs)
        pending = waiting
    return created


def _first_versions(model, objs, aliases, access) -> None:
    """Each new row's first version, as the write path (`changes.save`) records it: attributed to the system,
    labelled "reference", with the row's other names; written in bulk."""
    field = model._meta.model_name
    others: dict[int, list[str]] = {}
    for alias in aliases:
        if alias.kind == Alias.Kind.ALIAS:
            others.setdefault(getattr(alias, f"{field}_id"), []).append(alias.name)
    history = model.history.model
    snapshot = any(f.name == "other_names" for f in history._meta.fields)
    now = timezone.now()
    rows = []
    for obj in objs:
        row = history(
            history_date=now,
            history_user=access.acting_user,
            history_change_reason=changes.REFERENCE,
            history_type="+",
            **{f.attname: getattr(obj, f.attname) for f in history.tracked_fields},
        )
        if snapshot:
            row.other_names = sorted(others.get(obj.pk, []))
        rows.append(row)
    history.objects.bulk_create(rows, batch_size=500)


def _names(entry) -> dict:
    return {
        "name": entry.name,
        "name_en": entry.name_en,
        "abbreviation": entry.abbreviation,
        "kind": entry.kind,
    }


def load_organisations() -> int:
    countries = {c.code: c for c in Country.objects.all()}
    return create_missing(
        Organisation,
        read_register()[0],
        lambda e, by_key: {
            **_names(e),
            "parent": by_key[e.parent] if e.parent else None,
            "country": countries.get(e.country) if e.country else None,
        },
        parents=lambda e: [e.parent],
    )


def load_arenas() -> int:
    orgs = {o.key: o for o in Organisation.objects.filter(key__isnull=False)}
    gone_orgs = deleted_keys(Organisation)
    countries = {c.code: c.pk for c in Country.objects.all()}

    def set_countries(rows):
        through = Arena.countries.through
        through.objects.bulk_create(
            [
                through(arena_id=arena.pk, country_id=countries[code])
                for arena, e in rows
                for code in e.countries
            ],
            batch_size=1000,
        )

    return create_missing(
        Arena,
        [e for e in read_register()[1] if e.organisation is None or e.organisation not in gone_orgs],
        lambda e, by_key: {
            **_names(e),
            "organisation": orgs.get(e.organisation) if e.organisation else None,
            "parent": by_key[e.parent] if e.parent else None,
            "starts_on": _year_start(e.start),
            "ends_on": _year_end(e.end),
        },
        parents=lambda e: [e.parent],
        after=set_countries,
    )


def load_frameworks() -> int:
    created = 0
    orgs = {o.key: o for o in Organisation.objects.filter(key__isnull=False)}
    for fw in FRAMEWORKS:
        framework, made = Framework.objects.get_or_create(
            code=fw.code,
            defaults={
                "name": fw.name,
                "name_en": fw.name_en,
                "owner": orgs.get(fw.owner),
                "starts_year": fw.starts_year,
                "ends_year": fw.ends_year,
            },
        )
        created += made
        for number, (code, name, name_en) in enumerate(fw.areas, start=1):
            _, made = Area.objects.get_or_create(
                framework=framework, code=code, defaults={"number": number, "name": name, "name_en": name_en}
            )
            created += made
    return created


def load_guiding_documents() -> int:
    created = 0
    orgs = {o.key: o for o in Organisation.objects.filter(key__isnull=False)}
    countries = {c.code: c for c in Country.objects.all()}
    system = Access.system()
    for doc in GUIDING_DOCUMENTS:
        if GuidingDocument.objects.filter(title=doc.title, reference=doc.reference).exists():
            continue
        obj = GuidingDocument(
            title=doc.title,
            reference=doc.reference,
            kind=doc.kind,
            category=doc.category,
            issued_by=orgs.get(doc.issued_by) if doc.issued_by else None,
            year=doc.year,
            url=doc.url,
        )
        changes.save(
            obj,
            by=system,
            action=changes.REFERENCE,
            relations={"countries": [countries[c] for c in doc.countries]},
        )
        created += 1
    return created


@transaction.atomic
def load_reference() -> dict[str, int]:
    """Load all reference data in one transaction; returns how many rows of each part were created."""
    return {
        "countries": load_countries(),
        "organisations": load_organisations(),
        "arenas": load_arenas(),
        "frameworks_and_areas": load_frameworks(),
        "guiding_documents": load_guiding_documents(),
    }
