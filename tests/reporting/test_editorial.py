"""Editorial texts: Markdown-style text parsed once into the document model; the same footnotes in HTML (a list
at the end of the section with back links), PDF (at the foot of the page, read back with pdftotext) and DOCX
(real Word footnotes in word/footnotes.xml, also after LibreOffice's conversion); who may write which text
(a contact only their own unit's, locked after approval); bad input refused with bokmål messages."""

import datetime
import io
import shutil
import subprocess
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from arena.register import changes
from arena.register.models import Area, LogEntry, Unit
from arena.register.permissions import Access
from arena.reporting import cycle as flow
from arena.reporting import editorial, markup
from arena.reporting.builder import build_report
from arena.reporting.document import (
    Chapter,
    Report,
    RichList,
    RichParagraph,
    Section,
    iter_blocks,
    number_report,
)
from arena.reporting.models import EditorialText
from arena.reporting.renderers import render
from tests.reporting.conftest import pdf_text, squash

pytestmark = pytest.mark.django_db

TEXT = """Året var preget av **nye avtaler** og *tett oppfølging*.[^1]

- Første punkt med [en lenke](https://example.org/rapport)
- Andre punkt

1. Ett
2. To

<script>alert(1)</script> står som tekst.

[^1]: Fotnoten forklarer tallene, se [kilden](https://example.org/kilde).
"""


def user(username):
    return get_user_model().objects.get(username=username)


# Markdown → document model


def test_markdown_becomes_rich_blocks_with_footnotes_bound_to_their_calls():
    blocks = markup.preview_blocks(TEXT)
    assert [type(b) for b in blocks] == [RichParagraph, RichList, RichList, RichParagraph]
    first = blocks[0].spans
    assert [s.text for s in first if s.bold] == ["nye avtaler"]
    assert [s.text for s in first if s.italic] == ["tett oppfølging"]
    notes = [s.footnote for s in first if s.footnote]
    assert len(notes) == 1 and notes[0].number == 1
    assert "".join(s.text for s in notes[0].spans) == "Fotnoten forklarer tallene, se kilden."
    assert [s.url for s in notes[0].spans if s.url] == ["https://example.org/kilde"]
    bullets, numbered = blocks[1], blocks[2]
    assert not bullets.ordered and numbered.ordered and len(numbered.items) == 2
    assert [s.url for s in bullets.items[0] if s.url] == ["https://example.org/rapport"]
    # Raw HTML is text, never markup; headings are not a rule.
    assert blocks[3].spans[0].text.startswith("<script>")
    assert markup.blocks("# Ikke overskrift")[0].spans[0].text == "# Ikke overskrift"
    assert markup.blocks("  \n\n ") == []


def test_bad_input_is_refused_with_bokmal_messages():
    for url in ("javascript:alert(1)", "data:text/html,x", "ftp://example.org/", "vbscript:x"):
        with pytest.raises(ValidationError, match="ikke tillatt"):
            markup.validate(f"Se [her]({url}).")
    with pytest.raises(ValidationError, match="for lang"):
        markup.validate("x" * (markup.MAX_LENGTH + 1))
    notes = "".join(f"a[^{i}] " for i in range(40)) + "\n\n" + "\n".join(f"[^{i}]: n" for i in range(40))
    with pytest.raises(ValidationError, match="for mange fotnoter"):
        markup.validate(notes)
    markup.validate(TEXT)  # fine
    markup.validate("Skriv til <mailto:post@example.org>.")
    # A stored text with an unsafe link (from before the check) still prints only the words.
    spans = markup.blocks("[klikk](javascript:alert(1))")[0].spans
    assert [(s.text, s.url) for s in spans] == [("klikk", "")]


# The three formats


@pytest.fixture(scope="module")
def small_report():
    report = Report(
        year=2020,
        layout="unit",
        language="nb",
        title="Internasjonal årsmelding",
        subtitle="Ordnet etter enhet",
        organisation="Direktoratet",
        labels={
            "contents": "Innhold",
            "page": "Side",
            "of": "av",
            "figure": "Figur",
            "table": "Tabell",
            "toc_field": "",
            "footnotes": "Fotnoter",
            "footnote_back": "Tilbake til teksten, fotnote",
        },
        chapters=[
            Chapter(
                id="kap",
                title="Kapittel",
                blocks=markup.blocks(TEXT),
                sections=[
                    Section(id="del", title="Del", blocks=markup.blocks("Andre tekst.^[Andre fotnote.]"))
                ],
            )
        ],
    )
    return number_report(report)


def test_footnotes_are_numbered_through_the_report(small_report):
    numbers = [
        s.footnote.number
        for b in iter_blocks(small_report)
        for s in (b.spans if isinstance(b, RichParagraph) else [])
        if s.footnote
    ]
    assert numbers == [1, 2]


def test_html_lists_footnotes_at_the_end_of_the_section_with_back_links_and_escapes_html(small_report):
    html = render(small_report, "html").decode()
    assert "<strong>nye avtaler</strong>" in html and "<em>tett oppfølging</em>" in html
    assert '<a href="#fn-1" id="ref-fn-1" role="doc-noteref">1</a>' in html
    assert '<li id="fn-1" value="1">' in html and 'href="#ref-fn-1"' in html
    assert '<a href="https://example.org/kilde">kilden</a>' in html
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<ol class="rich-list">' in html and '<ul class="rich-list">' in html
    # The chapter's footnote list comes before the section's own.
    assert html.index('id="fn-1"') < html.index('id="del"') < html.index('id="fn-2"')


def test_pdf_sets_footnotes_at_the_foot_of_the_page(small_report, tmp_path):
    path = tmp_path / "r.pdf"
    path.write_bytes(render(small_report, "pdf"))
    text = pdf_text(path)
    assert "Fotnoten forklarer tallene, se kilden." in text  # the link is a link, not escaped markup
    body, foot = text.index("Året var preget"), text.index("Fotnoten forklarer tallene")
    assert body < foot
    # The note is not in the running text: it follows the page's last line of body text.
    assert text.index("står som tekst") < foot


def test_docx_has_real_word_footnotes_that_libreoffice_renders(small_report, tmp_path):
    data = render(small_report, "docx")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        footnotes = z.read("word/footnotes.xml").decode()
        document = z.read("word/document.xml").decode()
        rels = z.read("word/_rels/document.xml.rels").decode()
        types = z.read("[Content_Types].xml").decode()
        note_rels = z.read("word/_rels/footnotes.xml.rels").decode()
    assert 'w:type="separator"' in footnotes and "Fotnoten forklarer tallene" in footnotes
    assert "Andre fotnote." in footnotes and "Fotnoten" not in document
    assert document.count("<w:footnoteReference") == 2
    assert "relationships/footnotes" in rels and "footnotes+xml" in types
    assert "https://example.org/kilde" in note_rels
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    src = tmp_path / "r.docx"
    src.write_bytes(data)
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(src)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    text = pdf_text(tmp_path / "r.pdf")
    assert squash("Fotnoten forklarer tallene") in squash(text) and squash("Andre fotnote") in squash(text)


# Permissions, the write path and the report


@pytest.fixture
def cycle_2020(demo_db):
    return flow.open_cycle(2020, datetime.date(2031, 2, 1), "", by=user("koordinator"))


def test_a_contact_writes_only_their_own_units_texts_locked_after_approval(cycle_2020):
    kf = cycle_2020.submissions.get(unit__key="kf")
    ff = cycle_2020.submissions.get(unit__key="ff")
    contact = user("kontakt-kf")
    access = Access.of(contact)
    assert access.can_edit_unit_texts(kf) and not access.can_edit_unit_texts(ff)
    assert not access.can_edit_report_texts()
    changed = editorial.save_unit_texts(kf, by=contact, intro="Vi *innleder*.", next_steps="Neste år.")
    assert len(changed) == 2
    assert {r.submission.unit_id: r.texts for r in flow.overview(cycle_2020)}[kf.unit_id] == 2
    with pytest.raises(PermissionDenied):
        editorial.save_unit_texts(ff, by=contact, intro="Ikke vår.", next_steps="")
    with pytest.raises(PermissionDenied):
        editorial.save_report_texts(cycle_2020, by=contact, chapters={"enhetene": "Nei."})
    # Not through the write path directly either.
    with pytest.raises(PermissionDenied):
        changes.save(
            EditorialText(cycle=cycle_2020, kind=EditorialText.Kind.UNIT_INTRO, unit=ff.unit, text="x"),
            by=contact,
        )
    intro = EditorialText.objects.get(cycle=cycle_2020, unit=kf.unit, kind=EditorialText.Kind.UNIT_INTRO)
    assert intro.history.count() == 1 and intro.history.first().history_user == contact
    assert LogEntry.objects.filter(action=editorial.UNIT_TEXTS_SAVED).count() == 1
    # Delivered: the contact waits; approved: locked (reopen first), the coordinator is never locked out.
    flow.submit(kf, by=contact)
    with pytest.raises(ValidationError, match="levert"):
        editorial.save_unit_texts(kf, by=contact, intro="Endret.", next_steps="Neste år.")
    flow.approve_submission(kf, by=user("koordinator"))
    kf.refresh_from_db()
    assert not Access.of(contact).can_edit_unit_texts(kf)
    with pytest.raises(changes.RecordLocked, match="2020"):
        editorial.save_unit_texts(kf, by=Access.of(contact), intro="Endret.", next_steps="Neste år.")
    intro.text = "Endret forbi låsen"
    with pytest.raises(changes.RecordLocked):
        changes.save(intro, by=Access.of(contact))
    editorial.save_unit_texts(kf, by=user("koordinator"), intro="Koordinator retter.", next_steps="Neste år.")
    intro.refresh_from_db()
    assert intro.text == "Koordinator retter." and intro.history.count() == 2
    # Reopened: the contact writes again.
    flow.reopen_submission(kf, by=contact, reason="Må rette innledningen.")
    kf.refresh_from_db()
    editorial.save_unit_texts(kf, by=Access.of(contact), intro="Rettet.", next_steps="Neste år.")
    assert [v.text for v in intro.history.order_by("history_date")] == [
        "Vi *innleder*.",
        "Koordinator retter.",
        "Rettet.",
    ]


def test_bad_texts_store_nothing(cycle_2020):
    area = Area.objects.filter(framework__code="hod-2021-2025").first()
    with pytest.raises(ValidationError) as error:
        editorial.save_report_texts(
            cycle_2020,
            by=user("koordinator"),
            chapters={"enhetene": "God tekst."},
            areas={area.pk: "[x](javascript:alert(1))"},
        )
    assert "ikke tillatt" in str(error.value)
    assert not EditorialText.objects.filter(cycle=cycle_2020).exists()


def test_texts_reach_both_layouts_in_every_language(cycle_2020):
    coordinator = user("koordinator")
    area = Area.objects.filter(framework__code="hod-2021-2025").order_by("number").first()
    editorial.save_report_texts(
        cycle_2020,
        by=coordinator,
        chapters={
            "enhetene": "Kapitlet innledes.[^a]\n\n[^a]: Kapittelfotnote.",
            "sammenlikning": "Tallene.",
        },
        areas={area.pk: "Området innledes."},
    )
    kf = cycle_2020.submissions.get(unit__key="kf")
    editorial.save_unit_texts(kf, by=coordinator, intro="KF innleder.", next_steps="KF ser fremover.")
    cycle_2020.summary = "Sammendrag med **uthevet** tekst."
    cycle_2020.save()

    def words(blocks):
        return " ".join("".join(s.text for s in b.spans) for b in blocks if isinstance(b, RichParagraph))

    for language in ("nb", "nn", "en"):
        unit = build_report(2020, "unit", language=language)
        chapters = {c.id: c for c in unit.chapters}
        assert words(chapters["enhetene"].blocks).startswith("Kapitlet innledes.")
        assert words(chapters["sammenlikning"].blocks[:1]) == "Tallene."
        assert "uthevet" in words(chapters["sammendrag"].blocks)
        section = next(s for s in chapters["enhetene"].sections if s.id == f"enhet-{kf.unit_id}")
        assert words(section.blocks[:1]) == "KF innleder."  # first in the unit's section
        last = section.sections[-1]
        assert last.id == f"utsyn-{kf.unit_id}" and words(last.blocks[:1]) == "KF ser fremover."
        area_report = build_report(2020, "area", language=language)
        chapters = {c.id: c for c in area_report.chapters}
        area_section = next(s for s in chapters["omradene"].sections if s.id == f"omrade-{area.pk}")
        assert words(area_section.blocks[:1]) == "Området innledes."
        outlook = next(s for s in chapters["utsyn"].sections if s.id == f"utsyn-{kf.unit_id}")
        assert words(outlook.blocks[:1]) == "KF ser fremover."
    assert Unit.objects.filter(pk=kf.unit_id).exists()


# The pages


def test_the_coordinator_writes_chapter_and_area_texts_with_a_preview(client, cycle_2020):
    client.force_login(user("koordinator"))
    url = reverse("reporting-texts", args=[2020])
    html = client.get(url).content.decode()
    assert 'name="kap-chapter_enhetene"' in html and "kap-area_" in html
    area = Area.objects.filter(framework__code="hod-2021-2025").order_by("number").first()
    data = {
        "preface": "Forord med **fet** skrift.",
        "about": "",
        "summary": "",
        "afterword": "",
        "kap-chapter_enhetene": "Innledning.[^1]\n\n[^1]: En fotnote.",
        f"kap-area_{area.pk}": "Se [nettstedet](https://example.org/).",
    }
    response = client.post(url, {**data, "preview": "1"})
    html = response.content.decode()
    assert response.status_code == 200 and "Forhåndsvisning" in html
    assert "<strong>fet</strong>" in html and 'id="kap-chapter_enhetene-fn-1"' in html
    assert not EditorialText.objects.filter(cycle=cycle_2020).exists()
    bad = client.post(url, {**data, f"kap-area_{area.pk}": "[x](javascript:alert(1))"})
    assert bad.status_code == 400 and "er ikke tillatt" in bad.content.decode()
    assert not EditorialText.objects.filter(cycle=cycle_2020).exists()
    assert client.post(url, data).status_code == 302
    assert EditorialText.objects.filter(cycle=cycle_2020).count() == 2
    assert LogEntry.objects.filter(action=editorial.REPORT_TEXTS_SAVED).exists()
    client.force_login(user("kontakt-kf"))
    assert client.get(url).status_code == 403


def test_a_contact_writes_the_units_texts_on_the_submission_page(client, cycle_2020):
    client.force_login(user("kontakt-kf"))
    kf = cycle_2020.submissions.get(unit__key="kf")
    ff = cycle_2020.submissions.get(unit__key="ff")
    page_url = reverse("reporting-submission", args=[2020, kf.unit_id])
    assert 'name="tekst-intro"' in client.get(page_url).content.decode()
    url = reverse("reporting-unit-texts", args=[2020, kf.unit_id])
    data = {"tekst-intro": "Vi *startet* nytt.", "tekst-next_steps": "Mer samarbeid."}
    preview = client.post(url, {**data, "preview": "1"})
    assert preview.status_code == 200 and "<em>startet</em>" in preview.content.decode()
    too_long = client.post(url, {**data, "tekst-intro": "x" * (markup.MAX_LENGTH + 1)})
    assert too_long.status_code == 400 and "Teksten er for lang" in too_long.content.decode()
    assert client.post(url, data).status_code == 302
    assert editorial.unit_texts(kf) == ("Vi *startet* nytt.", "Mer samarbeid.")
    other = reverse("reporting-unit-texts", args=[2020, ff.unit_id])
    assert client.post(other, data).status_code == 403
    assert (
        'name="tekst-intro"'
        not in client.get(reverse("reporting-submission", args=[2020, ff.unit_id])).content.decode()
    )


def test_the_demo_cycles_carry_editorial_texts_with_links_and_footnotes(demo_db):
    from arena.reporting.demo import approve_demo_cycle

    for year, layout, chapter in ((2019, "unit", "enhetene"), (2020, "area", "omradene")):
        approve_demo_cycle(year)
        report = build_report(year, layout)
        chapters = {c.id: c for c in report.chapters}
        assert isinstance(chapters[chapter].blocks[0], RichParagraph)
        rich = [b for b in iter_blocks(report) if isinstance(b, (RichParagraph, RichList))]
        spans = [s for b in rich for s in (b.spans if isinstance(b, RichParagraph) else sum(b.items, []))]
        notes = [s.footnote for s in spans if s.footnote]
        assert len(notes) >= 2 and [n.number for n in notes] == list(range(1, len(notes) + 1))
        links = [s.url for n in notes for s in n.spans if s.url] + [s.url for s in spans if s.url]
        assert links and all(url.startswith("https://") for url in links)


def test_a_text_saved_meanwhile_is_not_overwritten(client, cycle_2020):
    """The contact opens the form, the coordinator saves the unit's introduction, the contact's save is refused
    (409, their text kept in the form); saving again replaces it."""
    kf = cycle_2020.submissions.get(unit__key="kf")
    client.force_login(user("kontakt-kf"))
    html = client.get(reverse("reporting-submission", args=[2020, kf.unit_id])).content.decode()
    seen = editorial.texts_version(cycle_2020, kf.unit_id)
    assert f'name="tekst-seen" value="{seen}"' in html
    editorial.save_unit_texts(kf, by=user("koordinator"), intro="Koordinatorens versjon.", next_steps="")
    url = reverse("reporting-unit-texts", args=[2020, kf.unit_id])
    data = {"tekst-intro": "Kontaktens versjon.", "tekst-next_steps": "", "tekst-seen": str(seen)}
    response = client.post(url, data)
    assert response.status_code == 409 and "Kontaktens versjon." in response.content.decode()
    assert editorial.unit_texts(kf)[0] == "Koordinatorens versjon."
    newest = editorial.texts_version(cycle_2020, kf.unit_id)
    assert client.post(url, {**data, "tekst-seen": str(newest)}).status_code == 302
    assert editorial.unit_texts(kf)[0] == "Kontaktens versjon."
