"""The arkivmelding: Noark 5 metadata for one archive record, as XML in the arkivmelding namespace.

Structure (the variant eFormidling uses, based on Noark 5 v3.1):

    arkivmelding (system, meldingId, tidspunkt, antallFiler)
      mappe xsi:type="saksmappe"          one case file per case key (e.g. the year's annual report), with
                                          its classification and the creator unit (administrativEnhet)
        basisregistrering xsi:type="journalpost"   the issued version: an internal document without follow-up
          dokumentbeskrivelse              the document: type, status, title, author, main document
            dokumentobjekt (one per file)  version, variant (archive format PDF/A, production format DOCX),
                                           and the file's name in the package (referanseDokumentfil)
          virksomhetsspesifikkeMetadata    what this schema variant has no element for: each file's format,
                                           size and SHA-256 checksum (named after the Noark metadata
                                           format/filstoerrelse/sjekksum/sjekksumAlgoritme), Arena's id and URL

Identifiers are stable: the case file's systemID is derived from the case key, the registration's and the
document's from the document, so the same version sent twice is recognisably the same record; only meldingId
is new for every hand-off. The schema element order (extensions append their elements after the base type's)
is the schema's, not a choice.
"""

from __future__ import annotations

import datetime
import uuid
import xml.etree.ElementTree as ET

from django.conf import settings
from django.utils import timezone

from arena.archive.kinds import ArchiveRecord

NS = "http://www.arkivverket.no/standarder/noark5/arkivmelding"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
ARENA = "urn:arena:arkivmelding:1"
ID_NAMESPACE = uuid.UUID("6d1f3c7e-2b5a-4f0e-9a51-0c7a1c3e9b21")  # Arena's namespace for derived systemIDs

ET.register_namespace("arena", ARENA)  # a readable prefix; the arkivmelding namespace is the default one


def system_id(*parts) -> str:
    return str(uuid.uuid5(ID_NAMESPACE, ":".join(str(p) for p in parts)))


def _dt(value: datetime.datetime) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds")


def _add(parent, name: str, text=None, ns: str = NS):
    element = ET.SubElement(parent, f"{{{ns}}}{name}")
    if text is not None:
        element.text = str(text)
    return element


def build(record: ArchiveRecord, *, message_id: uuid.UUID, files: dict[str, dict], now=None) -> bytes:
    """The arkivmelding XML for `record`; `files` maps each file's package name to its verified size and
    sha256 (in the order of `record.files`)."""
    now = now or timezone.now()
    case_id = system_id("mappe", record.case_key)
    registration_id = system_id("registrering", record.kind, record.document.pk)
    description_id = system_id("dokumentbeskrivelse", record.kind, record.document.pk)

    root = ET.Element(f"{{{NS}}}arkivmelding")
    _add(root, "system", settings.ARENA_ARCHIVE_SYSTEM)
    _add(root, "meldingId", message_id)
    _add(root, "tidspunkt", _dt(now))
    _add(root, "antallFiler", len(record.files))

    case = _add(root, "mappe")
    case.set(f"{{{XSI}}}type", "saksmappe")
    _add(case, "systemID", case_id)
    _add(case, "tittel", record.case_title)
    _add(case, "opprettetDato", _dt(record.created_at))
    _add(case, "opprettetAv", record.created_by)
    classification = _add(case, "klassifikasjon")
    _add(classification, "referanseKlassifikasjonssystem", settings.ARENA_ARCHIVE_CLASSIFICATION_SYSTEM)
    _add(classification, "klasseID", record.class_id)
    _add(classification, "tittel", record.class_title)

    entry = _add(case, "basisregistrering")
    entry.set(f"{{{XSI}}}type", "journalpost")
    _add(entry, "systemID", registration_id)
    _add(entry, "opprettetDato", _dt(record.issued_at))
    _add(entry, "opprettetAv", record.created_by)
    _add(entry, "referanseForelderMappe", case_id)

    description = _add(entry, "dokumentbeskrivelse")
    _add(description, "systemID", description_id)
    _add(description, "dokumenttype", record.document_type)
    _add(description, "dokumentstatus", "Dokumentet er ferdigstilt")
    _add(description, "tittel", record.title)
    _add(description, "forfatter", record.creator_unit)
    _add(description, "opprettetDato", _dt(record.created_at))
    _add(description, "opprettetAv", record.created_by)
    _add(description, "tilknyttetRegistreringSom", "Hoveddokument")
    _add(description, "dokumentnummer", 1)
    _add(description, "tilknyttetDato", _dt(record.issued_at))
    _add(description, "tilknyttetAv", record.created_by)
    for archive_file in record.files:
        document_object = _add(description, "dokumentobjekt")
        _add(document_object, "versjonsnummer", record.version)
        _add(document_object, "variantformat", archive_file.variant)
        _add(document_object, "opprettetDato", _dt(record.issued_at))
        _add(document_object, "opprettetAv", record.created_by)
        _add(document_object, "referanseDokumentfil", archive_file.name)

    _add(entry, "tittel", record.title)
    _add(entry, "offentligTittel", record.title)
    _add(entry, "beskrivelse", record.description)
    for word in record.keywords:
        _add(entry, "noekkelord", word)
    _add(entry, "forfatter", record.creator_unit)
    _add(entry, "dokumentmedium", "Elektronisk arkiv")
    own = _add(entry, "virksomhetsspesifikkeMetadata")
    _add(own, "dokumenttype", record.kind, ns=ARENA)
    _add(own, "dokumentId", record.document.pk, ns=ARENA)
    if record.url:
        _add(own, "lenke", record.url, ns=ARENA)
    for archive_file in record.files:
        facts = files[archive_file.name]
        file_element = _add(own, "dokumentfil", ns=ARENA)
        _add(file_element, "referanseDokumentfil", archive_file.name, ns=ARENA)
        _add(file_element, "format", archive_file.format, ns=ARENA)
        _add(file_element, "filstoerrelse", facts["size"], ns=ARENA)
        _add(file_element, "sjekksum", facts["sha256"], ns=ARENA)
        _add(file_element, "sjekksumAlgoritme", "SHA-256", ns=ARENA)

    _add(entry, "journalposttype", "Organinternt dokument uten oppfølging")
    _add(entry, "journalstatus", "Ferdigstilt fra saksbehandler")
    _add(entry, "journaldato", timezone.localtime(record.issued_at).date().isoformat())
    _add(entry, "dokumentetsDato", timezone.localtime(record.issued_at).date().isoformat())

    _add(case, "saksdato", timezone.localtime(record.created_at).date().isoformat())
    _add(case, "administrativEnhet", record.creator_unit)
    _add(case, "saksansvarlig", record.created_by)
    _add(case, "saksstatus", "Under behandling")

    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True, default_namespace=NS) + b"\n"
