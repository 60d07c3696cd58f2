"""The report reads like prose: activities as paragraphs that name their units, arenas and partners; every
organisation, arena and unit in full with its abbreviation at first mention and by abbreviation after; standing
engagements as a compact table; cross-references as one line."""

import re
from types import SimpleNamespace

import lxml.html
import pytest

from arena.register.models import Activity, Arena, Organisation, Unit
from arena.reporting.builder import build_report
from arena.reporting.document import ActivityEntry, ReferenceList, Table, activity_entries, iter_blocks
from arena.reporting.prose import Namer, activity_sentence, join_words
from arena.reporting.renderers import render

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_db")]


def _entity(pk, name, abbreviation, name_en=""):
    return SimpleNamespace(pk=pk, name=name, abbreviation=abbreviation, name_en=name_en)


def test_namer_gives_the_full_name_with_abbreviation_once_then_the_abbreviation():
    dsb = _entity(
        1, "Direktoratet for samfunnssikkerhet og beredskap", "DSB", "Directorate for Civil Protection"
    )
    eu = _entity(2, "Den europeiske union", "EU")
    plain = _entity(3, "Barentsrådet", "")
    euro = _entity(4, "WHOs regionkontor for Europa (WHO EURO)", "WHO EURO")
    namer = Namer("nb")
    assert namer(dsb) == "Direktoratet for samfunnssikkerhet og beredskap (DSB)"
    assert namer(dsb) == "DSB"
    # "EU" is inside "europeiske" but not a word of the name: it is still given in brackets.
    assert namer.many([eu, plain]) == "Den europeiske union (EU) og Barentsrådet"
    assert namer.many([eu, plain]) == "EU og Barentsrådet"
    assert namer(euro) == "WHOs regionkontor for Europa (WHO EURO)" and namer(euro) == "WHO EURO"
    english = Namer("en")
    assert english(dsb) == "Directorate for Civil Protection (DSB)" and english(dsb) == "DSB"


def test_sentence_templates_by_kind_with_and_without_arenas():
    assert (
        activity_sentence(kind="participation", units="FF", arenas="X", partners="FHI")
        == "FF deltok i X, sammen med FHI."
    )
    assert activity_sentence(kind="reporting", units="HK") == "HK sto for rapporteringen."
    assert join_words(["A", "B", "C"]) == "A, B og C"


def _generated_text(report) -> str:
    return " ".join(e.text for e in activity_entries(report))


@pytest.mark.parametrize("layout", ["unit", "area"])
def test_activity_paragraphs_weave_in_units_arenas_and_partners(layout):
    report = build_report(2019, layout)
    entries = {e.activity_id: e for e in activity_entries(report)}
    activities = Activity.objects.filter(year=2019).prefetch_related("units", "arenas", "partners")
    checked = 0
    for activity in activities:
        entry = entries[activity.pk]
        for entity in [*activity.units.all(), *activity.arenas.all(), *activity.partners.all()]:
            assert entity.name in entry.text or entity.abbreviation in entry.text, (activity.title, entity)
        checked += bool(activity.partners.all() and activity.arenas.all())
    assert checked > 10
    # In HTML the facts are part of the activity's one paragraph; there is no metadata line any more.
    html = render(report, "html").decode("utf-8")
    tree = lxml.html.fromstring(html)
    assert not tree.xpath("//*[contains(@class, 'activity__facts')]")
    shared = Activity.objects.get(year=2019, title="Deltakelse på EUs halvårlige møte for helsedirektører")
    paragraphs = tree.xpath(f"//div[@id='akt-{shared.pk}']/p")
    assert len(paragraphs) == 1
    text = paragraphs[0].text_content()
    assert text.startswith(shared.title) and shared.description[:40] in text
    assert "deltok i" in text and "sammen med" in text and "AS" in text


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_every_entity_is_introduced_once_in_full_then_abbreviated(language):
    report = build_report(2019, "unit", language=language)
    text = _generated_text(report)
    tables = " ".join(
        cell for b in iter_blocks(report) if isinstance(b, Table) for row in b.rows for cell in row
    )
    fhi = Organisation.objects.get(abbreviation="FHI")
    full = f"{fhi.name_en if language == 'en' else fhi.name} (FHI)"
    assert text.count(full) == 1
    assert len(re.findall(r"(?<!\w)FHI(?!\w)", text)) > 3  # later mentions by abbreviation
    assert text.index(full) < text.index(", FHI") if ", FHI" in text else True
    # Any entity with an abbreviation is written out in full at most once in the whole generated text.
    forms = re.findall(r"([A-ZÆØÅ][\w\- ]+?) \(([A-ZÆØÅ][\w\- ]*)\)", text + " " + tables)
    repeated = [f for f in set(forms) if (text + " " + tables).count(f"{f[0]} ({f[1]})") > 1]
    assert not repeated


def test_standing_engagements_are_a_table_per_unit_and_references_are_one_line():
    report = build_report(2019, "unit")
    chapter = next(c for c in report.chapters if c.id == "enhetene")
    ff = next(s for s in chapter.sections if s.title == "Divisjon for folkehelse og forebygging")
    standing = next(sub for sub in ff.sections if sub.title == "Faste deltakelser")
    (table,) = standing.blocks
    assert isinstance(table, Table) and table.columns[:1] == ["Arena"] and "Rolle" in table.columns
    assert table.columns[-1] == "Fra" and len(table.rows) > 3
    assert all(len(row) == len(table.columns) for row in table.rows)
    area = build_report(2020, "area")
    html = lxml.html.fromstring(render(area, "html").decode("utf-8"))
    lines = html.xpath("//p[@class='references']")
    assert lines and not html.xpath("//ul[@class='references']")
    refs = [r for b in iter_blocks(area) if isinstance(b, ReferenceList) for r in b.items]
    assert all(re.fullmatch(r"\d+\.\d+", r.number) for r in refs)
    see_also = next(p for p in lines if p.text_content().startswith("Se også:"))
    assert re.search(r"\(3\.\d\)[;.]", see_also.text_content())
    assert "– omtalt under" not in html.text_content()
    assert any(isinstance(b, ActivityEntry) for b in iter_blocks(area))


@pytest.mark.parametrize(("year", "layout"), [(2019, "unit"), (2020, "area")])
def test_first_mention_in_reading_order_spans_tables_and_paragraphs(year, layout):
    """In the generated words (activity sentences, engagement tables) read in document order, an entity's
    abbreviation first appears inside its full-name introduction."""
    report = build_report(year, layout)
    parts = []
    for block in iter_blocks(report):
        if isinstance(block, ActivityEntry):
            parts.append(block.text)
        elif isinstance(block, Table) and block.columns[0] == "Arena":
            parts += [cell for row in block.rows for cell in row]
    text = " | ".join(parts)
    entities = [*Arena.objects.exclude(abbreviation=""), *Organisation.objects.exclude(abbreviation="")]
    # (Units are named by abbreviation in the tables' unit column, like the charts; chapter 1 lists them in full.)
    everything = [*Arena.objects.all(), *Organisation.objects.all(), *Unit.objects.all()]
    words = [(e, w) for e in everything for w in (e.name, e.abbreviation) if w]

    def word(abbreviation):
        return re.compile(rf"(?<!\w){re.escape(abbreviation)}(?!\w)")

    checked = 0
    for entity in entities:
        pattern = word(entity.abbreviation)
        if pattern.search(entity.name) or any(pattern.search(w) for e, w in words if e != entity):
            continue  # the abbreviation is a word of another name ("EMT" in "NOR-EMT"): nothing to prove
        first = pattern.search(text)
        if first is None:
            continue
        full = f"{entity.name} ({entity.abbreviation})"
        assert text.find(full) + len(entity.name) + 2 == first.start(), (
            entity,
            text[first.start() - 80 :][:160],
        )
        checked += 1
    assert checked > 20
