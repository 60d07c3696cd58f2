"""Handing an issued annual report off to the Noark 5 archive: the arkivmelding validates against the schema
in ../shared/standards, the package holds the verified files, and the hand-off is recorded on the version."""

import hashlib
import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from arena.archive.arkivmelding import NS
from arena.archive.handoff import HANDOFF, SUMS_NAME, XML_NAME, hand_off
from arena.archive.models import ArchiveHandoff
from arena.register.changes import log_entries

pytestmark = pytest.mark.django_db

N = {"a": NS, "arena": "urn:arena:arkivmelding:1", "xsi": "http://www.w3.org/2001/XMLSchema-instance"}


def text(root, path):
    return root.find(path, N).text


def test_the_arkivmelding_validates_and_describes_the_record(issue, personas, tmp_path, arkivmelding_schema):
    issued = issue()
    handoff = hand_off(issued, tmp_path / "ut", by=personas.users["coordinator"])
    package = tmp_path / "ut" / handoff.package.rsplit("/", 1)[-1]
    assert package.is_dir() and str(package) == handoff.package
    xml = package / XML_NAME
    arkivmelding_schema.validate(str(xml))  # raises with the schema's reason if not valid

    root = ET.parse(xml).getroot()
    assert text(root, "a:meldingId") == str(handoff.message_id)
    assert text(root, "a:antallFiler") == "2"
    case = root.find("a:mappe", N)
    assert case.get(f"{{{N['xsi']}}}type") == "saksmappe"
    assert text(case, "a:tittel") == "Internasjonal årsmelding 1995"
    assert text(case, "a:administrativEnhet") == personas.coordinating.name
    assert text(case, "a:klassifikasjon/a:klasseID") == "arsmelding"
    assert text(case, "a:klassifikasjon/a:referanseKlassifikasjonssystem") == "Arkivnøkkel"
    entry = case.find("a:basisregistrering", N)
    assert entry.get(f"{{{N['xsi']}}}type") == "journalpost"
    assert text(entry, "a:referanseForelderMappe") == text(case, "a:systemID")
    assert "versjon 1" in text(entry, "a:tittel")
    assert text(entry, "a:opprettetAv") == "Koordinator Test"
    assert (
        text(entry, "a:journaldato") == timezone.localtime(issued.issued_at).date().isoformat()
    )  # Oslo date
    description = entry.find("a:dokumentbeskrivelse", N)
    assert text(description, "a:tilknyttetRegistreringSom") == "Hoveddokument"
    assert text(description, "a:forfatter") == personas.coordinating.name
    objects = {
        text(o, "a:variantformat"): text(o, "a:referanseDokumentfil")
        for o in description.findall("a:dokumentobjekt", N)
    }
    assert objects == {
        "Arkivformat": "arsmelding-1995-unit-v1.pdf",
        "Produksjonsformat": "arsmelding-1995-unit-v1.docx",
    }

    # The files are the issued ones, byte for byte, with their checksums in the message and the sums file.
    facts = {
        text(f, "arena:referanseDokumentfil"): (text(f, "arena:sjekksum"), text(f, "arena:format"))
        for f in entry.findall("a:virksomhetsspesifikkeMetadata/arena:dokumentfil", N)
    }
    pdf = (package / "arsmelding-1995-unit-v1.pdf").read_bytes()
    assert pdf == issued.pdf_file.open("rb").read()
    assert facts["arsmelding-1995-unit-v1.pdf"] == (hashlib.sha256(pdf).hexdigest(), "PDF/A-2a")
    assert facts["arsmelding-1995-unit-v1.pdf"][0] == issued.checksums["pdf"]
    sums = dict(reversed(line.split("  ")) for line in (package / SUMS_NAME).read_text().splitlines())
    for name in (XML_NAME, "arsmelding-1995-unit-v1.pdf", "arsmelding-1995-unit-v1.docx"):
        assert sums[name] == hashlib.sha256((package / name).read_bytes()).hexdigest()
    assert handoff.checksums == sums


def test_the_schema_refuses_a_message_missing_a_required_element(
    issue, personas, tmp_path, arkivmelding_schema
):
    handoff = hand_off(issue(), tmp_path, by=personas.users["coordinator"])
    tree = ET.parse(f"{handoff.package}/{XML_NAME}")
    case = tree.getroot().find("a:mappe", N)
    case.remove(case.find("a:tittel", N))
    broken = tmp_path / "broken.xml"
    tree.write(broken, encoding="utf-8", xml_declaration=True, default_namespace=NS)
    assert not arkivmelding_schema.is_valid(str(broken))


def test_the_hand_off_is_recorded_on_the_version_and_not_repeated_by_accident(
    issue, personas, tmp_path, client
):
    issued = issue()
    coordinator = personas.users["coordinator"]
    first = hand_off(issued, tmp_path / "a", by=coordinator)
    assert first.handed_off_by == coordinator and not first.by_system and first.document == issued
    [entry] = [e for e in log_entries(issued) if e.action == HANDOFF]
    assert entry.actor == coordinator and entry.data["message_id"] == str(first.message_id)
    client.force_login(coordinator)
    page = client.get(issued.get_absolute_url()).content.decode()
    assert "overleverte til arkivet" in page

    with pytest.raises(ValidationError, match="ble overlevert til arkivet"):
        hand_off(issued, tmp_path / "b", by=coordinator)
    assert not (tmp_path / "b").exists() or not any((tmp_path / "b").iterdir())
    assert ArchiveHandoff.of(issued).count() == 1

    again = hand_off(issued, tmp_path / "b", by=coordinator, again=True)
    assert again.message_id != first.message_id and ArchiveHandoff.of(issued).count() == 2
    # The same record keeps its identifiers, so the archive can tell it is the same document.
    ids = [
        ET.parse(f"{h.package}/{XML_NAME}").getroot().find(".//a:basisregistrering/a:systemID", N).text
        for h in (first, again)
    ]
    assert ids[0] == ids[1]


@pytest.mark.parametrize("persona", ["contact_kf", "reader"])
def test_only_the_coordinator_hands_off(issue, personas, tmp_path, persona):
    issued = issue()
    with pytest.raises(PermissionDenied):
        hand_off(issued, tmp_path / "ut", by=personas.users[persona])
    assert not (tmp_path / "ut").exists() and not ArchiveHandoff.objects.exists()


def test_a_file_changed_since_issue_is_refused_and_nothing_is_left(issue, personas, tmp_path):
    issued = issue()
    with open(issued.pdf_file.path, "ab") as f:
        f.write(b"%tampered")
    with pytest.raises(ValidationError, match="sjekksummen stemmer ikke"):
        hand_off(issued, tmp_path / "ut", by=personas.users["coordinator"])
    assert list((tmp_path / "ut").iterdir()) == []
    assert not ArchiveHandoff.objects.exists()
    assert not [e for e in log_entries(issued) if e.action == HANDOFF]


def test_an_existing_package_directory_is_never_overwritten(issue, personas, tmp_path):
    issued = issue()
    first = hand_off(issued, tmp_path, by=personas.users["coordinator"])
    with pytest.raises(ValidationError, match="finnes allerede"):
        hand_off(issued, tmp_path, by=personas.users["coordinator"], again=True)
    assert ArchiveHandoff.objects.get() == first
