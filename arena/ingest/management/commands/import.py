"""`python -m arena import FILE [--year YEAR] [--title TITLE] [--dry-run] [--json]`

Reads a report or a unit's contribution (.txt, .md, .pdf, .docx, .html) and proposes register entries. With
--dry-run nothing is stored; with --json the proposals are printed as JSON (documented in docs/import.md).
Without --dry-run the new proposals are stored for review in the web UI (/import/).
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from arena.ingest.errors import DocumentError
from arena.ingest.limits import read_and_propose
from arena.ingest.readers import read_file
from arena.ingest.review import store
from arena.register.cli import actor, add_actor_argument


class Command(BaseCommand):
    help = "Importer en rapport eller et innspill (.txt, .md, .pdf, .docx, .html) og foreslå registeroppføringer."

    def add_arguments(self, parser):
        parser.add_argument("file", help="filen som skal importeres")
        parser.add_argument(
            "--year", type=int, help="året dokumentet gjelder (ellers fra tittel eller filnavn)"
        )
        parser.add_argument("--title", help="dokumentets tittel (ellers fra dokumentet eller filnavnet)")
        parser.add_argument(
            "--publisher",
            help="hvem som har skrevet dokumentet (f.eks. FHI): utgiverens navn blir ikke en ekstern aktør, "
            "og utgiverens utsagn blir utgiverens deltakelser",
        )
        parser.add_argument("--dry-run", action="store_true", help="vis forslagene uten å lagre noe")
        parser.add_argument("--json", action="store_true", help="skriv forslagene ut som JSON")
        add_actor_argument(parser)

    def handle(self, *args, **options):
        access = actor(options)
        if not options["dry_run"] and not access.can_import():
            raise CommandError("Brukeren har ikke lov til å importere (det er koordinatorens oppgave).")
        path = Path(options["file"])
        try:
            # in a child process with the import's time and memory limits, as for an upload (limits.py)
            with transaction.atomic():  # reads only; roll back whatever might have been touched
                imported = read_and_propose(
                    read_file(path),
                    path.name,
                    year=options["year"],
                    title=options["title"],
                    publisher=options["publisher"],
                )
                transaction.set_rollback(True)
        except DocumentError as error:
            raise CommandError(str(error)) from error
        document, proposals = imported.document, imported.proposals
        if options["json"]:
            self.stdout.write(json.dumps(proposals.to_json(), ensure_ascii=False, indent=2))
        summary = (
            f"{document.name}: {len(document.headings)} overskrifter, {len(proposals.entities)} navn "
            f"({sum(1 for e in proposals.entities if not e.known)} nye), {len(proposals.links)} deltakelser, "
            f"{len(proposals.activities)} aktiviteter."
        )
        out = self.stderr if options["json"] else self.stdout
        if options["dry_run"]:
            out.write(summary + " Ingenting er lagret (--dry-run).")
            return
        try:
            batch = store(document, proposals, by=access)
        except DocumentError as error:
            raise CommandError(str(error)) from error
        if batch is None:
            out.write(summary + " Registeret har allerede alt dokumentet foreslår; ingenting er lagret.")
        else:
            out.write(
                summary + f" Lagret som import nr. {batch.pk} med {batch.proposals.count()} forslag til "
                f"gjennomgang: /import/{batch.pk}/"
            )
