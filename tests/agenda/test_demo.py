"""The agenda's demo rows come with the demo register, once; and with them the annual report's chapters from
the agenda: 2019 and 2020 have the meetings each unit attended (under its arenas, as `meetings.for_unit` counts
them) and the reporting to international organisations; a year without agenda records has neither. Both
layouts, HTML and DOCX, and nynorsk labels. (One module, so the demo register is loaded once.)"""

import pytest

from arena.agenda import meetings, obligations
from arena.agenda.demo import load_agenda_demo
from arena.agenda.models import BriefingNote, Deadline, Meeting, Obligation
from arena.register.structure import UnitTree
from arena.reporting import agenda_chapters
from arena.reporting.builder import LAYOUTS, build_report
from arena.reporting.document import BulletList, Table
from arena.reporting.renderers import render
from tests.reporting.conftest import docx_text, html_text, squash

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_db")]


def test_demo_loads_sessions_notes_and_obligations():
    assert Meeting.objects.filter(arena__key="wha").count() == 4
    assert Meeting.objects.filter(arena__key="who-eb").count() == 6
    assert Meeting.objects.filter(arena__key="who-euro-rc").count() == 3
    assert Meeting.objects.filter(arena__key="hsc").count() == 3
    assert BriefingNote.objects.filter(status="approved").count() == 4
    assert set(Obligation.objects.values_list("key", flat=True)) == {
        "joint-questionnaire",
        "oecd-health-data",
        "ihr-spar",
        "sdg-reporting",
    }
    assert Deadline.objects.filter(period="2020").count() == 4
    before = (Meeting.objects.count(), BriefingNote.objects.count(), Deadline.objects.count())
    load_agenda_demo()
    assert (Meeting.objects.count(), BriefingNote.objects.count(), Deadline.objects.count()) == before
    wha74 = Meeting.objects.get(name__startswith="WHA74")
    assert wha74.history.first().history_change_reason == "demo"


# The annual report's chapters from the agenda


def _chapter(report, chapter_id):
    return next((c for c in report.chapters if c.id == chapter_id), None)


@pytest.mark.parametrize("year", [2019, 2020])
def test_the_years_meetings_per_unit_under_its_arenas(year):
    report = build_report(year, "unit")
    chapter = _chapter(report, "moter")
    assert chapter is not None and chapter.number
    tree = UnitTree.load()
    listed: dict[int, set[str]] = {}
    for section in chapter.sections:
        unit = tree.units[int(section.id.removeprefix("moter-"))]
        assert section.title == unit.name
        listed[unit.pk] = set()
        for block in section.blocks:
            assert isinstance(block, BulletList)
            names = {item.lead for item in block.items}
            assert {m.arena.name for m in Meeting.objects.filter(name__in=names)} == {block.title}
            listed[unit.pk] |= names
    year_meetings = Meeting.objects.filter(starts_at__year=year).exclude(status=Meeting.Status.CANCELLED)
    checked = 0
    for unit in tree.report_units():
        # A division's section has what `for_unit` finds for it (its departments report under it).
        if {pk for pk in tree.units if tree.report_unit(pk) == unit.pk} == tree.descendants({unit.pk}):
            expected = {m.name for m in meetings.for_unit(unit, year_meetings)}
            assert listed.get(unit.pk, set()) == expected, unit
            checked += bool(expected)
    assert checked >= 2
    attended = {m.name for m in year_meetings if m.attendee_units.exists() or m.items.exclude(unit=None)}
    assert set().union(*listed.values()) == attended


@pytest.mark.parametrize("year", [2019, 2020])
def test_the_years_reporting_to_international_organisations(year):
    report = build_report(year, "area")
    chapter = _chapter(report, "rapportering")
    assert chapter.title == "Rapportering til internasjonale organisasjoner"
    table = next(b for b in chapter.blocks if isinstance(b, Table))
    deadlines = list(obligations.delivered_in(year))
    assert len(table.rows) == len(deadlines) > 0
    assert [row[0] for row in table.rows] == [d.obligation.name for d in deadlines]
    assert all(row[5] != "ikke levert" for row in table.rows)  # the demo's past years were delivered
    titles = [c.id for c in report.chapters]
    # before the comparison (none in the register's first year, 2019) and the afterword/appendix
    assert (
        titles.index("moter")
        < titles.index("rapportering")
        < titles.index("sammenlikning" if year > 2019 else "vedlegg")
    )


def test_an_undelivered_deadline_says_so():
    deadline = Deadline.objects.filter(due_on__year=2020).first()
    deadline.delivered_at = None
    deadline.save(update_fields=["delivered_at"])  # test setup; rolled back with the module's data
    table = next(b for b in agenda_chapters.reporting_chapter(2020).blocks if isinstance(b, Table))
    assert "ikke levert" in [row[5] for row in table.rows]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_year_without_agenda_records_has_no_agenda_chapters(layout):
    assert {"moter", "rapportering"} <= {c.id for c in build_report(2019, layout).chapters}
    # Test setup (rolled back after the test): 2019 keeps its activities but loses its agenda records.
    Meeting.objects.filter(starts_at__year=2019).delete()
    Deadline.objects.filter(due_on__year=2019).delete()
    report = build_report(2019, layout)
    assert not report.is_empty
    assert not {"moter", "rapportering"} & {c.id for c in report.chapters}


def test_the_chapters_render_in_html_and_docx_and_in_nynorsk():
    report = build_report(2020, "unit")
    html = squash(html_text(render(report, "html")))
    words = squash(docx_text(render(report, "docx")))
    wha = Meeting.objects.filter(arena__key="wha", starts_at__year=2020).first()
    for text in (html, words):
        assert squash("Rapportering til internasjonale organisasjoner") in text
        assert squash(wha.name) in text
    nynorsk = build_report(2020, "unit", language="nn")
    titles = {c.id: c.title for c in nynorsk.chapters}
    assert titles["moter"] == "Møte"
    assert titles["rapportering"] == "Rapportering til internasjonale organisasjonar"
