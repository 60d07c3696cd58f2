"""The report model built from the demo register: placement of activities, cross-references, the shared
chapters, numbering, charts' alt text, the query budget and the empty year."""

from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from arena.register.models import Activity, Area
from arena.register.reference.frameworks import HOD_STRATEGY
from arena.reporting.builder import EditorialTexts, build_report
from arena.reporting.document import (
    ActivityEntry,
    Figure,
    ReferenceList,
    Table,
    activity_entries,
    iter_blocks,
    iter_headings,
)

pytestmark = pytest.mark.usefixtures("demo_db")

YEARS = (2019, 2020)
LAYOUTS = ("unit", "area")


def _references(report):
    return [ref for b in iter_blocks(report) if isinstance(b, ReferenceList) for ref in b.items]


def _section_of_entries(chapter):
    """{activity id: section title} for the entries in a chapter's sections."""
    return {
        block.activity_id: section.title
        for section in chapter.sections
        for block in section.blocks
        if isinstance(block, ActivityEntry)
    }


@pytest.mark.parametrize("year", YEARS)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_activity_of_the_year_is_described_exactly_once(year, layout):
    report = build_report(year, layout)
    described = Counter(e.activity_id for e in activity_entries(report))
    expected = set(Activity.objects.filter(year=year).values_list("pk", flat=True))
    assert len(expected) in (69, 78)
    assert set(described) == expected
    assert set(described.values()) == {1}
    # Cross-references point at described activities of the same year, naming a numbered section.
    ids = {e.id for e in activity_entries(report)}
    for ref in _references(report):
        assert ref.target in ids
        assert ref.where.startswith("omtalt under ") and ref.where[len("omtalt under ")].isdigit()


@pytest.mark.parametrize("layout", LAYOUTS)
def test_both_layouts_share_the_arena_chapter_and_the_comparison(layout):
    report = build_report(2020, layout)
    titles = [c.title for c in report.chapters]
    assert "Satsningsområder og de viktigste arenaene" in titles
    assert "Sammenlikning med 2019" in titles
    assert titles[:2] == ["Om årsmeldingen", "Sammendrag"]
    assert titles[-1] == "Vedlegg: Styrende dokumenter"
    arenas = next(c for c in report.chapters if c.id == "satsningsomrader-og-arenaer")
    assert [s.title for s in arenas.sections] == [
        "Satsningsområdene",
        "Verdens helseorganisasjon (WHO)",
        "Den europeiske union (EU)",
        "EØS-midlene",
        "Nordisk samarbeid",
    ]
    who = arenas.sections[1]
    refs = [r for b in who.blocks if isinstance(b, ReferenceList) for r in b.items]
    who_activities = Activity.objects.filter(
        year=2020, arenas__organisation__key__in=["who", "who-euro"]
    ).distinct()
    assert {r.target for r in refs} >= {f"akt-{pk}" for pk in who_activities.values_list("pk", flat=True)}
    comparison = next(c for c in report.chapters if c.id == "sammenlikning")
    assert [s.id for s in comparison.sections] == [
        "sammenlikning-enheter",
        "sammenlikning-omrader",
        "nye-deltakelser",
        "avsluttede-deltakelser",
    ]


def test_area_layout_describes_under_the_main_area_and_refers_from_the_others():
    report = build_report(2020, "area")
    chapter = next(c for c in report.chapters if c.id == "omradene")
    areas = list(Area.objects.filter(framework__code=HOD_STRATEGY).order_by("number"))
    assert [s.title for s in chapter.sections] == [a.name for a in areas]
    placed = _section_of_entries(chapter)
    for activity in Activity.objects.filter(year=2020).select_related("main_area").prefetch_related("areas"):
        assert placed[activity.pk] == activity.main_area.name
        others = {a.name for a in activity.areas.all() if a.framework_id == activity.main_area.framework_id}
        others.discard(activity.main_area.name)
        for section in chapter.sections:
            refs = {r.target for b in section.blocks if isinstance(b, ReferenceList) for r in b.items}
            assert (f"akt-{activity.pk}" in refs) == (section.title in others), (
                activity.title,
                section.title,
            )
    several = [
        a
        for a in Activity.objects.filter(year=2020)
        if a.areas.filter(framework__code=HOD_STRATEGY).count() > 1
    ]
    assert several, "the demo year has activities serving several areas"


def test_unit_layout_describes_under_one_unit_and_refers_from_the_others():
    report = build_report(2019, "unit")
    chapter = next(c for c in report.chapters if c.id == "enhetene")
    placed = _section_of_entries(chapter)
    shared = Activity.objects.get(year=2019, title="Deltakelse på EUs halvårlige møte for helsedirektører")
    # Directorate, AS and its department ASGH: described under the division, referred to from the directorate.
    assert placed[shared.pk] == "Divisjon for analyse og samfunn"
    directorate = next(s for s in chapter.sections if s.title == "Helsedirektoratet")
    refs = [r for b in directorate.blocks if isinstance(b, ReferenceList) for r in b.items]
    assert f"akt-{shared.pk}" in {r.target for r in refs}
    # Outlooks and standing engagements are subsections of the unit's section.
    ff = next(s for s in chapter.sections if s.title == "Divisjon for folkehelse og forebygging")
    assert [sub.title for sub in ff.sections] == ["Faste deltakelser", "Hva blir viktig fremover"]


def test_numbering_figures_and_tables():
    report = build_report(2020, "area")
    numbered = [c for c in report.chapters if c.numbered]
    assert [c.number for c in numbered] == [str(i) for i in range(1, len(numbered) + 1)]
    assert all(s.number == f"{c.number}.{i}" for c in numbered for i, s in enumerate(c.sections, start=1))
    assert all(not c.number for c in report.chapters if not c.numbered)
    figures = [b for b in iter_blocks(report) if isinstance(b, Figure)]
    tables = [b for b in iter_blocks(report) if isinstance(b, Table)]
    assert [f.number for f in figures] == list(range(1, len(figures) + 1)) and len(figures) == 2
    assert [t.number for t in tables] == list(range(1, len(tables) + 1))
    by_area = next(f for f in figures if f.id == "fig-omrader")
    # The alt text carries the data: every area with both years' counts.
    for category, before, now in zip(
        by_area.chart.categories, by_area.chart.series[0].values, by_area.chart.series[1].values, strict=True
    ):
        assert f"{category} (2019: {before}, 2020: {now})" in by_area.alt
    assert sum(by_area.chart.series[1].values) == Activity.objects.filter(year=2020).count()
    levels = Counter(level for level, _part in iter_headings(report))
    assert levels[1] == len(report.chapters) and levels[2] > 6


def test_editorial_texts_make_their_chapters():
    texts = EditorialTexts(preface="Et forord.\n\nAndre avsnitt.", summary="Kort sagt.", afterword="Takk.")
    report = build_report(2019, "unit", texts=texts)
    titles = [c.title for c in report.chapters]
    assert titles[0] == "Forord" and "Etterord" in titles
    assert [p.text for p in report.chapters[0].blocks] == ["Et forord.", "Andre avsnitt."]
    without = [c.title for c in build_report(2019, "unit", texts=EditorialTexts()).chapters]
    assert "Forord" not in without and "Etterord" not in without


@pytest.mark.parametrize("layout", LAYOUTS)
def test_building_costs_a_fixed_number_of_queries(layout):
    with CaptureQueriesContext(connection) as queries:
        build_report(2020, layout)
    # 25 for the register's chapters, 3 for the agenda's (reporting/agenda_chapters.py), at most 6 for the
    # monitoring chapter (monitoring/annual.py, registered through add_chapter_source).
    assert len(queries) <= 25 + 3 + 6, (len(queries), [q["sql"][:120] for q in queries.captured_queries])


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_year_without_data_gives_a_short_report_that_says_so(layout):
    report = build_report(1995, layout)
    assert report.is_empty
    assert len(report.chapters) == 1
    assert "ingen aktiviteter" in report.chapters[0].blocks[0].text
    assert not activity_entries(report)


def test_unknown_layout_is_refused():
    with pytest.raises(ValueError):
        build_report(2019, "sideways")


def test_a_first_year_is_not_compared_with_an_empty_year():
    """2019 is the demo register's first year: no comparison chapter, no "mot 0", charts with the year alone;
    2020 compares with 2019."""
    first = build_report(2019, "unit")
    assert "sammenlikning" not in [c.id for c in first.chapters]
    summary = next(c for c in first.chapters if c.title == "Sammendrag")
    text = " ".join(getattr(i, "text", "") for b in summary.blocks for i in getattr(b, "items", []))
    assert "i 2019." in text and "mot 0" not in text
    figures = [b for b in iter_blocks(first) if isinstance(b, Figure)]
    assert figures and all([s.label for s in f.chart.series] == ["2019"] for f in figures)
    second = [b for b in iter_blocks(build_report(2020, "unit")) if isinstance(b, Figure)]
    assert all([s.label for s in f.chart.series] == ["2019", "2020"] for f in second)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_an_english_report_names_units_and_areas_in_english(layout):
    report = build_report(2020, layout, language="en")
    titles = {s.title for c in report.chapters for s in c.sections}
    assert "Division of Analysis and Society" in titles or any("Analysis and Society" in t for t in titles)
    assert "Divisjon for analyse og samfunn" not in titles
    nb = {s.title for c in build_report(2020, layout).chapters for s in c.sections}
    assert "Divisjon for analyse og samfunn" in nb or layout == "area"
