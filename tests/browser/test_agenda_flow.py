"""The briefing notes of a World Health Assembly session in a real browser, as the issue's "done when" asks: the
coordinator creates the session, imports its provisional agenda (a .docx, then a revised one pasted), confirms
the suggested units; the KF and FF contacts write and deliver their notes; one is returned and delivered again;
the coordinator approves both and downloads the compiled DOCX, which has every approved note in agenda order —
read with python-docx and after LibreOffice has converted it to text. Then the agenda's pages under axe."""

import datetime
import io
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from playwright.sync_api import expect

from arena.agenda.models import AgendaItem, BriefingNote, Meeting
from arena.register.models import LogEntry, Person
from tests.agenda.conftest import agenda  # noqa: F401 - the WHA arena, its engagements and priority areas

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "Arena-passord-1"

AGENDA = """Provisional agenda
1. Opening of the Assembly
11.2 Antimicrobial resistance  A75/9
11.3 Noncommunicable diseases (A75/10 Rev.1)
15 Closure of the Assembly
"""


@pytest.fixture
def people(agenda):  # noqa: F811 - the imported fixture
    for user in agenda.personas.users.values():
        user.set_password(PASSWORD)
        user.save()
    return agenda


def _write_note(page, item_title, position, *, deliver=True):
    page.goto("/agenda/liste/?from=2032-05-01&to=2032-06-30")
    page.get_by_role("link", name="WHA75").first.click()
    page.get_by_role("link", name="Dagsorden og håndnotater").click()
    page.locator("tr", has_text=item_title).get_by_role("link").click()
    page.fill("#id_background", f"Bakgrunn for {item_title}.")
    page.fill("#id_position", position)
    page.fill("#id_intervention", "- Takk, leder.\n- Norge støtter **vedtaket**.")
    page.get_by_role("button", name="Lever notatet" if deliver else "Lagre utkast").click()
    expect(page.get_by_text("Notatet er levert til koordinator.")).to_be_visible()


def _review(page, note, *, comment=None):
    page.goto(f"/agenda/notater/{note.pk}/")
    if comment:
        page.fill("#id_comment", comment)
        page.get_by_role("button", name="Send tilbake med kommentar").click()
        expect(page.get_by_text("Notatet er sendt tilbake til enheten.")).to_be_visible()
    else:
        page.get_by_role("button", name="Godkjenn").click()
        expect(page.get_by_text("Notatet er godkjent.")).to_be_visible()


def _libreoffice_text(data: bytes, tmp_path) -> str:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.fail("LibreOffice not found: run scripts/system-deps.sh (installs libreoffice-writer-nogui)")
    source = tmp_path / "notater.docx"
    source.write_bytes(data)
    profile = tmp_path / "lo-profile"
    subprocess.run(  # noqa: S603 - a fixed command on a file the test wrote
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "txt:Text (encoded):UTF8",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return (tmp_path / "notater.txt").read_text(encoding="utf-8-sig")


def test_briefing_notes_from_agenda_to_compiled_docx(new_page, people, tmp_path):
    p = people.personas
    coordinator = new_page("koordinator")

    # The coordinator creates the session.
    coordinator.goto("/agenda/moter/ny/")
    coordinator.fill("#id_name", "WHA75")
    coordinator.select_option("#id_kind", "session")
    coordinator.fill("#id_arena", "WHA")
    coordinator.select_option("#id_series", label=str(people.series))
    coordinator.fill("#id_starts_at", "2032-05-22T10:00")
    coordinator.fill("#id_ends_at", "2032-05-29T17:00")
    coordinator.fill("#id_place", "Genève")
    coordinator.check("#id_norway_has_delegation")
    coordinator.select_option("#id_attendee_units", [str(p.kf.pk), str(p.ff.pk)])
    coordinator.get_by_role("button", name="Lagre").click()
    expect(coordinator.get_by_text("Møtet er lagret.")).to_be_visible()
    session = Meeting.objects.get(name="WHA75")
    assert session.arena == people.wha and session.series == people.series

    # It imports the provisional agenda (a .docx), then the revised one (pasted): only the new item is added.
    # Arena suggests KF and FF for the two topics.
    coordinator.get_by_role("link", name="Dagsorden og håndnotater").click()
    provisional = docx.Document()
    provisional.add_paragraph("Provisional agenda", style="Title")
    for line in AGENDA.splitlines()[1:]:
        provisional.add_paragraph(line)
    provisional.save(tmp_path / "A75_1.docx")
    coordinator.set_input_files("#id_file", tmp_path / "A75_1.docx")
    coordinator.get_by_role("button", name="Importer").click()
    expect(coordinator.get_by_text("4 punkter er lagt til.")).to_be_visible()
    coordinator.fill("#id_text", AGENDA + "16 Pandemic preparedness\n")
    coordinator.get_by_role("button", name="Importer").click()
    expect(coordinator.get_by_text("1 punkt er lagt til.")).to_be_visible()
    assert session.items.count() == 5
    amr_row = coordinator.locator("tr", has_text="11.2 Antimicrobial resistance")
    ncd_row = coordinator.locator("tr", has_text="11.3 Noncommunicable diseases")
    expect(amr_row.locator("td").first).to_have_text("KF")
    expect(ncd_row.locator("td").first).to_have_text("FF")

    # It confirms the suggested unit of the two items that need a note, each with a deadline; the contacts
    # are asked. (Opening and closure need none and stay unconfirmed.)
    for row, unit in ((amr_row, p.kf), (ncd_row, p.ff)):
        expect(row.get_by_label("Ansvarlig enhet")).to_have_value(str(unit.pk))
        row.get_by_label("Frist for notat").fill("2032-05-01")
        row.get_by_role("button", name="Bekreft").click()
        expect(coordinator.get_by_text(f"{unit.abbreviation} er bedt om notat til")).to_be_visible()
    amr = BriefingNote.objects.get(item__meeting=session, item__number="11.2")
    ncd = BriefingNote.objects.get(item__meeting=session, item__number="11.3")
    assert (amr.unit, ncd.unit) == (p.kf, p.ff)
    assert not AgendaItem.objects.filter(meeting=session, number="1", confirmed=True).exists()

    # The two contacts write and deliver; FF's contact cannot open KF's note for writing.
    kf = new_page("kontakt-kf")
    _write_note(kf, "11.2 Antimicrobial resistance", "Norge støtter handlingsplanen mot resistens.")
    ff = new_page("kontakt-ff")
    ff.goto(f"/agenda/notater/{amr.pk}/")
    assert ff.locator("#id_position").count() == 0
    _write_note(ff, "11.3 Noncommunicable diseases", "Norge støtter arbeidet mot ikke-smittsomme sykdommer.")

    # The coordinator returns KF's note; KF corrects and delivers it again; both are approved.
    _review(coordinator, amr, comment="Si også hva Norden mener.")
    kf.goto(f"/agenda/notater/{amr.pk}/")
    expect(kf.get_by_role("note")).to_contain_text("Si også hva Norden mener.")
    kf.fill("#id_position", "Norge og Norden støtter handlingsplanen mot resistens.")
    kf.get_by_role("button", name="Lever notatet").click()
    expect(kf.get_by_text("Notatet er levert til koordinator.")).to_be_visible()
    _review(coordinator, amr)
    _review(coordinator, ncd)
    amr.refresh_from_db()
    assert amr.status == BriefingNote.Status.APPROVED
    steps = list(
        LogEntry.objects.filter(object_id=amr.pk, action__startswith="agenda.note")
        .order_by("pk")
        .values_list("action", "actor__username")
    )
    assert steps == [
        ("agenda.note.saved", "kontakt-kf"),
        ("agenda.note.delivered", "kontakt-kf"),
        ("agenda.note.returned", "koordinator"),
        ("agenda.note.saved", "kontakt-kf"),
        ("agenda.note.delivered", "kontakt-kf"),
        ("agenda.note.approved", "koordinator"),
    ]

    # The compiled DOCX: cover, contents, then every approved note in agenda order.
    coordinator.goto(f"/agenda/moter/{session.pk}/notater/")
    with coordinator.expect_download() as download:
        coordinator.get_by_role("link", name="Last ned godkjente notater samlet (DOCX)").click()
    data = Path(download.value.path()).read_bytes()
    words = "\n".join(paragraph.text for paragraph in docx.Document(io.BytesIO(data)).paragraphs)
    converted = _libreoffice_text(data, tmp_path)
    for text in (words, converted):
        assert "WHA75" in text and "Innhold" in text
        body = text[text.index("Ansvarlig enhet") :]
        order = [
            body.index("11.2 Antimicrobial resistance"),
            body.index("Norge og Norden støtter handlingsplanen mot resistens."),
            body.index("11.3 Noncommunicable diseases"),
            body.index("Norge støtter arbeidet mot ikke-smittsomme sykdommer."),
        ]
        assert order == sorted(order), text
        assert "Norge støtter handlingsplanen mot resistens." not in text  # the returned wording
        assert re.search(r"Takk, leder\.", body)


def test_agenda_pages_pass_axe(new_page, people, monkeypatch):
    from arena.agenda import notes
    from arena.agenda.meetings import add_item
    from arena.agenda.models import Deadline, Obligation
    from tests.browser.test_pages import _axe_serious

    session, p = people.session, people.personas
    item = add_item(session, "Antimicrobial resistance", number="11.2", by=people.coordinator)
    add_item(session, "Noncommunicable diseases", number="11.3", by=people.coordinator)
    note = notes.confirm_item(item, p.kf, None, by=people.coordinator)
    obligation = Obligation.objects.create(
        name="OECD Health Data", organisation=people.who, unit=p.kf, due_month=6, due_day=30
    )
    Deadline.objects.create(obligation=obligation, period="2020", due_on=datetime.date(2020, 6, 30))
    pages = {
        "koordinator": [
            "/agenda/?year=2031&month=5", f"/agenda/liste/?from=2031-05-01&to=2031-06-30&unit={p.kf.pk}",
            f"/agenda/moter/{session.pk}/", f"/agenda/moter/{session.pk}/endre/", "/agenda/moter/ny/",
            f"/agenda/moter/{session.pk}/notater/", "/agenda/forpliktelser/", "/agenda/forpliktelser/ny/",
            "/agenda/forfalte/", "/agenda/kalender/",
        ],
        "kontakt-kf": [f"/agenda/notater/{note.pk}/", "/"],
        "leser": [
            f"/agenda/moter/{session.pk}/notater/",
            f"/agenda/notater/{note.pk}/",
            Person.objects.get(user=p.users["contact_kf"]).get_absolute_url(),
        ],
    }  # fmt: skip
    problems = {}
    for username, urls in pages.items():
        page = new_page(username)
        for url in urls:
            response = page.goto(url)
            assert response.status == 200, url
            problems[f"{username} {url}"] = _axe_serious(page)
    # The coordinator's review of a delivered note.
    notes.save_note(note, by=people.contact_kf, background="B", position="Norge støtter.", intervention="")
    notes.deliver(note, by=people.contact_kf)
    coordinator = new_page("koordinator")
    coordinator.goto(f"/agenda/notater/{note.pk}/")
    problems["review"] = _axe_serious(coordinator)
    # A month and a list with more entries than they show: the notice, the days' links and the link that goes on.
    from arena.agenda.views import calendar

    monkeypatch.setattr(calendar, "MONTH_LIMIT", 0)
    monkeypatch.setattr(calendar, "LIST_LIMIT", 0)
    for url in ("/agenda/?year=2031&month=5", "/agenda/liste/?from=2031-04-01&to=2031-06-30"):
        coordinator.goto(url)
        assert (
            coordinator.get_by_text("Kalenderen viser ikke alt").count()
            + coordinator.get_by_text("flere enn 0").count()
        ), url
        problems[f"capped {url}"] = _axe_serious(coordinator)
    assert {url: found for url, found in problems.items() if found} == {}
