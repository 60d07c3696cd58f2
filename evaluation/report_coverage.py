"""How many of the originals' named entities the generated annual reports name.

    .venv/bin/python evaluation/report_coverage.py [--year 2019] [--layout unit] [--verbose] [--json]

For each evaluation/reference-YEAR.json (hand annotations of the original report: every organisation, arena,
programme, national partner and country it names; see evaluation/README.md), the script loads the demo
register into a fresh SQLite database, builds that year's report in each layout (by unit and by priority area),
renders it to HTML and takes its text, and decides for every annotated entity whether the generated report
names it. An annotated entity counts as named when, in the generated text,

- a register entity it stands for is named — by any of that entity's names, abbreviations or aliases in the
  register, found with the import's own linker (`arena.ingest.linking.find_known`: whole words, longest name
  first, Norwegian inflection on the last word only, short names in their letter case). The register entities
  an annotation stands for are those that one of its surface forms (or its name) names *as a whole* — "WHOs" is
  WHO, but "WHOs regionkontor for Europa" is not WHO. A register name longer than the linker looks (16 words;
  one English name has 17) counts when its words are written in a row, uninflected; or
- one of the annotation's own surface forms (or its name) is written, found the same way.

No substring matching: "EU" inside "EUs helseprogram" is the programme, not the union (longest name first).
Countries are found by their bokmål or English names. Per year, layout and entity kind the script prints how
many entities the original names, how many the generated report names, the share, and lists the missing ones.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFERENCES = ROOT / "evaluation"
YEARS = (2019, 2020)
LAYOUTS = ("unit", "area")
KINDS = ("organisation", "arena", "programme", "national_partner", "country")
# Elements that end a run of text: names never run across them.
BLOCK_TAGS = {
    "p", "div", "section", "article", "header", "footer", "nav", "aside", "main",
    "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
    "table", "caption", "thead", "tbody", "tr", "td", "th", "figure", "figcaption", "br", "hr", "blockquote",
}  # fmt: skip


def reference(year: int) -> dict:
    return json.loads((REFERENCES / f"reference-{year}.json").read_text(encoding="utf-8"))


# Annotated entities whose words do not name their register entity as a whole (the annotator's label is not
# one of the register's names, or a form is ambiguous), with the register rows they stand for, checked by hand
# against the originals' text. Everything else is resolved through the register's own names.
STANDS_FOR: dict[int, dict[str, tuple[str, ...]]] = {
    2019: {
        # "WHO-møter om blant annet ikke-smittsomme sykdommer (…) (Muscat, desember 2019)"
        "WHOs møte om ikke-smittsomme sykdommer i Muscat 2019": ("arena:who-ncd-muscat-2019",),
        # "WHO-møtet om interessekonflikter i samarbeid/partnerskap … innen ernæring"
        "WHOs møte om interessekonflikter innen ernæring": ("arena:who-coi-nutrition",),
    },
    2020: {
        # "AS-divisjonen har ansvar for … innesluttet bruk av genmodifiserte organismer … EUs myndighetsmøter"
        "EUs myndighetsmøter om genmodifiserte organismer": ("arena:eu-ca-gmo",),
        # "Helsedirektoratet leder WHO-EURO sitt strategiske arbeid med å utvikle Emergency Medical Teams (EMT)":
        # the WHO's initiative, while the register's "EMT" is the EU's pool of teams
        "WHOs Emergency Medical Teams": ("arena:who-emt",),
    },
}


# --- the generated report's text ---------------------------------------------------------------------------


def html_lines(html: str) -> list[str]:
    """The visible text of an HTML document, one line per block element (headings, paragraphs, cells …)."""
    import lxml.html

    root = lxml.html.document_fromstring(html)
    for element in root.xpath("//style|//script|//head"):
        element.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in BLOCK_TAGS:
            element.text = "\n" + (element.text or "")
            element.tail = "\n" + (element.tail or "")
    return [line.strip() for line in root.text_content().splitlines() if line.strip()]


def report_lines(year: int, layout: str, language: str | None = None) -> list[str]:
    """The generated report of `year` in `layout`, as the HTML renderer writes it, line by line."""
    from arena.reporting.builder import build_report
    from arena.reporting.renderers.html import render_html

    return html_lines(render_html(build_report(year, layout, language=language)))


# --- matching ----------------------------------------------------------------------------------------------


@dataclass
class Annotated:
    index: int
    name: str
    kind: str
    forms: list[str]
    stands_for: set[tuple[str, int]] = field(default_factory=set)  # register entities (model, pk)


def whole_names(form: str, gazetteer) -> set[tuple[str, int]]:
    """Register entities that `form` names as a whole (the linker's mention covers all of it)."""
    from arena.ingest.linking import find_known, tokens_of

    words = tokens_of(form)
    if not words:
        return set()
    first, last = words[0][1], words[-1][2]
    return {
        (m.entry.model, m.entry.pk)
        for m in find_known(form, gazetteer)
        if m.entry is not None and m.start <= first and m.end >= last
    }


def register_keys(keys: tuple[str, ...]) -> set[tuple[str, int]]:
    """("arena:who-emt", "country:CH", …) as (model, pk) of the register's rows; a key not found is an error."""
    from arena.register.models import Arena, Country, Organisation

    out = set()
    for key in keys:
        model, _, value = key.partition(":")
        if model == "country":
            out.add((model, Country.objects.get(code=value).pk))
        else:
            out.add((model, {"arena": Arena, "organisation": Organisation}[model].objects.get(key=value).pk))
    return out


def annotations(ref: dict, gazetteer) -> list[Annotated]:
    """The reference's entities with the register entities each stands for: those its forms name as a whole,
    or the hand-checked keys in STANDS_FOR."""
    out = []
    fixed = STANDS_FOR.get(ref["year"], {})
    for index, entity in enumerate(ref["entities"]):
        forms = list(dict.fromkeys([entity["name"], *entity["surface_forms"]]))
        item = Annotated(index, entity["name"], entity["kind"], forms)
        if entity["name"] in fixed:
            item.stands_for = register_keys(fixed[entity["name"]])
        else:
            for form in forms:
                item.stands_for |= whole_names(form, gazetteer)
        out.append(item)
    return out


def forms_gazetteer(items: list[Annotated]):
    """A gazetteer of the annotations' own surface forms (each annotation one entry), for the same linker."""
    from arena.ingest.linking import Entry, Gazetteer

    names = []
    for item in items:
        model = "country" if item.kind == "country" else "annotation"
        entry = Entry(model, item.index, item.name, kind=item.kind)
        names.extend((form, entry) for form in item.forms)
    return Gazetteer(names)


@dataclass
class Coverage:
    year: int
    layout: str
    items: list[Annotated]
    named: set[int]  # indexes of annotated entities the generated report names
    evidence: dict[int, str] = field(default_factory=dict)  # index → the words that name it
    linked: set[int] = field(default_factory=set)  # … that the year's register records link to
    # register rows the year's records link to that the report names nowhere (annotated or not)
    unnamed_links: set[tuple[str, int]] = field(default_factory=set)

    def by_kind(self) -> dict[str, dict]:
        out = {}
        for kind in KINDS:
            items = [i for i in self.items if i.kind == kind]
            named = [i for i in items if i.index in self.named]
            out[kind] = {
                "annotated": len(items),
                "named": len(named),
                "share": len(named) / len(items) if items else 1.0,
                "linked": sum(1 for i in items if i.index in self.linked),
                "missing": [i.name for i in items if i.index not in self.named],
            }
        return out

    @property
    def share(self) -> float:
        return len(self.named) / len(self.items) if self.items else 1.0

    @property
    def missing(self) -> list[str]:
        return [i.name for i in self.items if i.index not in self.named]


def linked_entities(year: int) -> set[tuple[str, int]]:
    """Register entities the year's records link to: the activities' arenas, partners and countries, the
    arenas of the directorate's engagements active in the year, the outlooks' arenas, the countries of the
    guiding documents in force (the appendix)."""
    from django.db.models import Q

    from arena.register.models import Activity, Engagement, GuidingDocument, Outlook
    from arena.register.models.base import active_in_year

    out = set()
    for relation, model in (("arenas", "arena"), ("partners", "organisation"), ("countries", "country")):
        through = getattr(Activity, relation).through
        column = f"{getattr(Activity, relation).field.m2m_reverse_field_name()}_id"
        ids = through.objects.filter(activity__year=year).values_list(column, flat=True)
        out |= {(model, pk) for pk in ids}
    engagements = Engagement.objects.filter(active_in_year(year), unit__isnull=False)
    out |= {("arena", pk) for pk in engagements.values_list("arena_id", flat=True)}
    outlooks = Outlook.arenas.through.objects.filter(outlook__year=year)
    out |= {("arena", pk) for pk in outlooks.values_list("arena_id", flat=True)}
    in_force = Q(guidingdocument__year__isnull=True) | Q(guidingdocument__year__lte=year)
    documents = GuidingDocument.countries.through.objects.filter(in_force)
    out |= {("country", pk) for pk in documents.values_list("country_id", flat=True)}
    return out


def _keys(name: str) -> tuple[str, ...]:
    from arena.ingest.linking import tokens_of, word_key

    return tuple(word_key(w) for w, _s, _e in tokens_of(name))


def _contains(words: tuple[str, ...], run: tuple[str, ...]) -> bool:
    return any(words[i : i + len(run)] == run for i in range(len(words) - len(run) + 1))


def coverage(ref: dict, lines: list[str], gazetteer, layout: str = "") -> Coverage:
    """Which of the reference's annotated entities the text `lines` names (see the module's docstring)."""
    from arena.ingest.linking import MAX_NAME_TOKENS, find_known, tokens_of, word_key

    items = annotations(ref, gazetteer)
    own_forms = forms_gazetteer(items)
    # Names longer than the linker looks (an English name of 17 words): the same words in a row, uninflected.
    long_names = {
        item.index: [keys for keys in (_keys(n) for n in written) if len(keys) > MAX_NAME_TOKENS]
        for item in items
        for written in [[n for key in item.stands_for for n in gazetteer.written.get(key, [])]]
    }
    evidence: dict[int, list[str]] = defaultdict(list)
    in_text: set[tuple[str, int]] = set()
    for line in lines:
        mentions = [m for m in find_known(line, gazetteer) if m.entry is not None]
        in_text |= {(m.entry.model, m.entry.pk) for m in mentions}
        named_here = {(m.entry.model, m.entry.pk): m.surface for m in reversed(mentions)}
        line_keys = None
        for item in items:
            for key in item.stands_for & named_here.keys():
                evidence[item.index].append(named_here[key])
            for keys in long_names[item.index]:
                line_keys = line_keys or tuple(word_key(w) for w, _s, _e in tokens_of(line))
                if _contains(line_keys, keys):
                    evidence[item.index].append(" ".join(keys))
        for m in find_known(line, own_forms):
            item = items[m.entry.pk]
            # The annotation's own words count unless the linker reads that very span as another entity
            # ("EMT" written for the EU's teams is not the WHO's initiative).
            other = [
                x
                for x in mentions
                if x.start <= m.start
                and m.end <= x.end
                and (x.entry.model, x.entry.pk) not in item.stands_for
            ]
            if not other:
                evidence[item.index].append(m.surface)
    found = {index: " | ".join(dict.fromkeys(words)) for index, words in evidence.items()}
    links = linked_entities(ref["year"])
    linked = {i.index for i in items if i.stands_for & links}
    unnamed = {key for key in links - in_text if key in gazetteer.entries}  # not the home country
    return Coverage(ref["year"], layout, items, set(found), found, linked, unnamed)


def measure(years=YEARS, layouts=LAYOUTS, language: str | None = None) -> list[Coverage]:
    """Coverage of each year's generated report in each layout, against the register in the database."""
    from arena.ingest.linking import Gazetteer

    gazetteer = Gazetteer.from_register()
    return [
        coverage(reference(year), report_lines(year, layout, language), gazetteer, layout)
        for year in years
        for layout in layouts
    ]


# --- command line ------------------------------------------------------------------------------------------


def setup_django(workdir: str, migrate: bool = False) -> None:
    """A fresh SQLite database in `workdir` with the demo register. Its tables are made straight from the models
    (as `pytest --nomigrations` would: a third of the time), unless `migrate`: the migrations add only the
    full-text search indexes, which building a report does not use."""
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/coverage.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "arena.settings")
    import django
    from django.apps import apps
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    if not migrate:
        settings.MIGRATION_MODULES = {app.label: None for app in apps.get_app_configs()}
    call_command("migrate", verbosity=0, run_syncdb=not migrate)
    from arena.register.demo.load import load_demo

    load_demo()


def register_name(key: tuple[str, int]) -> str:
    from arena.register.models import Arena, Country, Organisation

    model = {"arena": Arena, "organisation": Organisation, "country": Country}[key[0]]
    row = model.objects.get(pk=key[1])
    return f"{getattr(row, 'key', None) or getattr(row, 'code', '')}: {row.name}"


def print_results(results: list[Coverage], verbose: bool) -> None:
    print(f"{'year':4} {'layout':6} {'kind':17} {'annotated':>9} {'named':>6} {'share':>6} {'linked':>6}")
    for result in results:
        for kind, row in result.by_kind().items():
            print(
                f"{result.year:4} {result.layout:6} {kind:17} {row['annotated']:9} {row['named']:6}"
                f" {row['share']:6.0%} {row['linked']:6}"
            )
        print(
            f"{result.year:4} {result.layout:6} {'TOTAL':17} {len(result.items):9} {len(result.named):6}"
            f" {result.share:6.1%} {len(result.linked):6}"
        )
        for kind, row in result.by_kind().items():
            for name in row["missing"]:
                print(f"  missing ({kind}): {name}")
        if verbose:
            for item in result.items:
                if item.index in result.named and item.index not in result.linked:
                    print(f"  named, not linked in the register: {item.name}: {result.evidence[item.index]}")
            for key in sorted(result.unnamed_links, key=register_name):
                print(f"  linked in the register, named nowhere in this report: {register_name(key)}")
            for item in result.items:
                found = result.evidence.get(item.index, "-")
                register = (
                    "; ".join(register_name(k) for k in sorted(item.stands_for)) or "not in the register"
                )
                print(f"  {item.name} ({item.kind}) = [{register}]: {found}")
        print()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--year", type=int, action="append", choices=YEARS, help="only this year (repeatable)"
    )
    parser.add_argument("--layout", action="append", choices=LAYOUTS, help="only this layout (repeatable)")
    parser.add_argument("--language", choices=("nb", "nn", "en"), help="the report's language (bokmål)")
    parser.add_argument(
        "--verbose", action="store_true", help="every annotated entity with its register match"
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--migrate", action="store_true", help="make the database with the migrations")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as workdir:
        setup_django(workdir, migrate=args.migrate)
        results = measure(args.year or YEARS, args.layout or LAYOUTS, args.language)
        if not args.json:
            print_results(results, args.verbose)
    if args.json:
        rows = [{"year": r.year, "layout": r.layout, "share": r.share, "kinds": r.by_kind()} for r in results]
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
