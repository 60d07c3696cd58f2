"""What can be archived: a small registry of document kinds, each knowing how to find its issued documents and
describe one as an archive record (title, dates, creator unit, classification, files).

The annual report is registered here. Later kinds (situation reports, compiled briefing notes) register an
`ArchivableKind` subclass the same way, from their own app's `AppConfig.ready` (`register(MyKind())`); the
packaging, the command and the hand-off record do not change.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class ArchiveFile:
    """One file of a document: its name in the package, where it is stored, its format and variant."""

    name: str
    field: object  # a FieldFile (opened through its storage)
    format: str  # e.g. "PDF/A-2a"
    variant: str  # Noark variantformat: "Arkivformat" or "Produksjonsformat"
    sha256: str  # the checksum recorded when the document was issued


@dataclass(frozen=True)
class ArchiveRecord:
    """Everything the arkivmelding says about one issued document."""

    kind: str
    document: object
    case_key: str  # one case file (saksmappe) per key, e.g. the year's annual report
    case_title: str
    title: str
    description: str
    document_type: str  # Noark dokumenttype
    version: int
    created_at: datetime.datetime
    created_by: str
    issued_at: datetime.datetime
    creator_unit: str  # administrativEnhet
    class_id: str
    class_title: str
    files: tuple[ArchiveFile, ...]
    keywords: tuple[str, ...] = field(default=())
    url: str = ""


class ArchivableKind:
    """A kind of issued document that can be handed off to the archive. Subclasses set `key`, `label` and
    `model` and implement `get`, `latest` and `record`."""

    key: str = ""
    label: str = ""
    model = None
    class_id: str = ""
    class_title: str = ""

    def get(self, pk: int):
        """The issued document with this id; ValidationError (bokmål) if there is none or it is not issued."""
        raise NotImplementedError

    def latest(self, year: int):
        """The latest issued document of a year."""
        raise NotImplementedError

    def record(self, document) -> ArchiveRecord:
        raise NotImplementedError


KINDS: dict[str, ArchivableKind] = {}


def register(kind: ArchivableKind) -> ArchivableKind:
    KINDS[kind.key] = kind
    return kind


def get_kind(key: str) -> ArchivableKind:
    try:
        return KINDS[key]
    except KeyError:
        raise ValidationError(
            _("Ukjent dokumenttype «%(kind)s»; velg %(kinds)s.") % {"kind": key, "kinds": ", ".join(KINDS)}
        ) from None


def kind_of(document) -> ArchivableKind:
    for kind in KINDS.values():
        if isinstance(document, kind.model):
            return kind
    raise ValidationError(_("Denne typen dokument kan ikke overleveres til arkivet."))


def _person(user) -> str:
    if user is None:
        return _("systemet")
    return user.get_full_name() or user.get_username()


def coordinating_unit_name() -> str:
    from arena.register.models import Unit

    unit = Unit.objects.filter(is_coordinator=True).first()
    return unit.name if unit else settings.ORGANISATION_NAME


class AnnualReport(ArchivableKind):
    """An issued version of the annual report (arena.reporting): its PDF/A file as the archive format and its
    Word file as the production format, in one case file per year."""

    key = "arsmelding"
    label = "Årsmelding"
    class_id = "arsmelding"
    class_title = "Internasjonal årsmelding"

    @property
    def model(self):
        from arena.reporting.models import IssuedReport

        return IssuedReport

    def _issued(self):
        # Drafts (made before the year's cycle was approved) are never archived.
        return self.model.objects.filter(status=self.model.Status.DONE, is_draft=False).select_related(
            "requested_by"
        )

    def get(self, pk: int):
        document = self._issued().filter(pk=pk).first()
        if document is None and self.model.objects.filter(pk=pk, is_draft=True).exists():
            raise ValidationError(_("Versjon %(id)s er et utkast; utkast arkiveres ikke.") % {"id": pk})
        if document is None:
            raise ValidationError(_("Fant ingen utgitt årsmelding med id %(id)s.") % {"id": pk})
        return document

    def latest(self, year: int):
        document = self._issued().filter(year=year).order_by("-issued_at", "-pk").first()
        if document is None:
            raise ValidationError(_("Det er ikke utgitt noen årsmelding for %(year)s.") % {"year": year})
        return document

    def record(self, document) -> ArchiveRecord:
        from arena.reporting.issuing import file_name

        if document.is_draft:
            raise ValidationError(
                _("%(document)s er et utkast; utkast arkiveres ikke.") % {"document": document}
            )
        title = f"Internasjonal årsmelding {document.year}"
        files = []
        for fmt, label, variant in (
            ("pdf", "PDF/A-2a", "Arkivformat"),
            ("docx", "DOCX", "Produksjonsformat"),
        ):
            stored = document.file_for(fmt)
            if not stored:
                raise ValidationError(
                    _("Versjonen mangler %(format)s-filen og kan ikke arkiveres.") % {"format": fmt.upper()}
                )
            files.append(
                ArchiveFile(
                    name=file_name(document, fmt),
                    field=stored,
                    format=label,
                    variant=variant,
                    sha256=document.checksums.get(fmt, ""),
                )
            )
        return ArchiveRecord(
            kind=self.key,
            document=document,
            case_key=f"{self.key}-{document.year}",
            case_title=title,
            title=f"{title}, versjon {document.version} ({document.get_layout_display().lower()})",
            description=(
                f"Årsmelding om det internasjonale arbeidet i {settings.ORGANISATION_NAME} i {document.year}, "
                f"utgitt fra Arena som versjon {document.version}."
            ),
            document_type="Årsmelding",
            version=document.version,
            created_at=document.requested_at,
            created_by=_person(document.requested_by),
            issued_at=document.issued_at,
            creator_unit=coordinating_unit_name(),
            class_id=self.class_id,
            class_title=self.class_title,
            files=tuple(files),
            keywords=("internasjonalt samarbeid", "årsmelding", str(document.year)),
            url=settings.ARENA_BASE_URL.rstrip("/") + document.get_absolute_url(),
        )


register(AnnualReport())
