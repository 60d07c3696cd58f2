"""`python -m arena archive-export (--document ID | --year YEAR) --output DIR [--kind KIND] [--again]`"""

from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from arena.archive.handoff import hand_off
from arena.archive.kinds import KINDS, get_kind
from arena.register.cli import actor, add_actor_argument


class Command(BaseCommand):
    help = (
        "Pakk et utgitt dokument for Noark 5-arkivet som arkivmelding med filene (PDF/A), og registrer "
        "overleveringen. Med --year: siste utgitte årsmelding for året."
    )

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--document", type=int, help="id-en til den utgitte versjonen")
        which.add_argument("--year", type=int, help="året: siste utgitte dokument av typen for året")
        parser.add_argument("--output", required=True, type=Path, help="mappen pakken skrives under")
        parser.add_argument(
            "--kind", default="arsmelding", choices=sorted(KINDS), help="dokumenttype (standard: arsmelding)"
        )
        parser.add_argument(
            "--again", action="store_true", help="overlever på nytt et dokument som er sendt før"
        )
        add_actor_argument(parser)

    def handle(self, *args, document, year, output, kind, again, **options):
        access = actor(options)
        try:
            archivable = get_kind(kind)
            issued = archivable.get(document) if document is not None else archivable.latest(year)
            handoff = hand_off(issued, output, by=access, again=again)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        except PermissionDenied:
            raise CommandError("Du har ikke tilgang til å overlevere dokumenter til arkivet.") from None
        self.stdout.write(f"{handoff.package}: {issued} (melding {handoff.message_id})")
