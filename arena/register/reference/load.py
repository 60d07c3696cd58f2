"""Loading the reference data shipped with Arena: countries, the gazetteer of organisations and arenas,
strategy frameworks and guiding documents.

Idempotent and conservative: entries are found by their stable key (or natural key) and created when missing;
existing rows are never overwritten, so a coordinator's later corrections survive a reload. (A reference row
that was deleted is created again on the next load: delete means "not kept", so retire entries with an end
date instead.)
"""

import datetime
import gettext

import pycountry
from django.db import transaction

from arena.register import changes
from arena.register.models import Area, Arena, Country, Framework, GuidingDocument, Organisation
from arena.register.models.names import unknown_names
from arena.register.normalize import normalize_name
from arena.register.permissions import Access
from arena.register.reference.arenas import ARENAS
from arena.register.reference.documents import GUIDING_DOCUMENTS
from arena.register.reference.frameworks import FRAMEWORKS
from arena.register.reference.organisations import ORGANISATIONS

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


def load_countries() -> int:
    """Create every ISO 3166-1 country that is missing, with bokmål names from pycountry's translations."""
    nb = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["nb_NO"], fallback=True)
    existing = set(Country.objects.values_list("code", flat=True))
    new = []
    for c in pycountry.countries:
        if c.alpha_2 in existing:
            continue
        name_en = getattr(c, "common_name", None) or c.name
        name_nb = _NB_SHORT_NAMES.get(c.alpha_2) or nb.gettext(c.name)
        new.append(Country(code=c.alpha_2, code3=c.alpha_3, name=name_nb, name_en=name_en))
    Country.objects.bulk_create(new)
    return len(new)


def _year_start(year):
    return datetime.date(year, 1, 1) if year else None


def _year_end(year):
    return datetime.date(year, 12, 31) if year else None


def create_missing(model, entries, fields, relations=None) -> int:
    """Create the entries of `entries` whose `key` is not yet in `model`'s table, in order (so parents come
    first); `fields(entry, by_key)` gives the new row's values, `relations(entry)` its many-to-many relations.
    A row someone made by hand under the same name is adopted (given the key) instead of duplicated. Each
    entry's aliases are recorded. Every row written is one version by the system, labelled "reference".
    Returns how many rows were created."""
    system = Access.system()
    by_key = {obj.key: obj for obj in model.objects.filter(key__isnull=False)}
    created = 0
    for entry in entries:
        if entry.key in by_key:
            continue
        names = [entry.name, entry.name_en, entry.abbreviation, *entry.aliases]
        obj = model.objects.filter(key__isnull=True, aliases__normalized=normalize_name(entry.name)).first()
        if obj is not None:
            # An adopted row keeps its names; the reference names become other names.
            obj.key = entry.key
            changes.save(obj, by=system, action=changes.REFERENCE, add_names=unknown_names(obj, names))
        else:
            obj = model(key=entry.key, **fields(entry, by_key))
            changes.save(
                obj,
                by=system,
                action=changes.REFERENCE,
                relations=relations(entry) if relations else None,
                add_names=[n for n in entry.aliases if n],
            )
            created += 1
        by_key[entry.key] = obj
    return created


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
        ORGANISATIONS,
        lambda e, by_key: {
            **_names(e),
            "parent": by_key[e.parent] if e.parent else None,
            "country": countries.get(e.country) if e.country else None,
        },
    )


def load_arenas() -> int:
    orgs = {o.key: o for o in Organisation.objects.filter(key__isnull=False)}
    countries = {c.code: c for c in Country.objects.all()}
    return create_missing(
        Arena,
        ARENAS,
        lambda e, by_key: {
            **_names(e),
            "organisation": orgs[e.organisation] if e.organisation else None,
            "parent": by_key[e.parent] if e.parent else None,
            "starts_on": _year_start(e.start),
            "ends_on": _year_end(e.end),
        },
        relations=lambda e: {"countries": [countries[code] for code in e.countries]},
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
