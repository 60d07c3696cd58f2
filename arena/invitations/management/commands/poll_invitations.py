"""`python -m arena poll-invitations`: fetch new messages from the shared mailbox (ARENA_IMAP_*) once."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from arena.invitations.mailbox import poll


class Command(BaseCommand):
    help = "Hent nye invitasjoner fra felles postkasse (IMAP) og flytt dem til mappen for behandlede."

    def handle(self, *args, **options):
        if not settings.ARENA_IMAP.get("host"):
            raise CommandError("ARENA_IMAP_HOST er ikke satt.")
        result = poll()
        self.stdout.write(
            f"{result.seen} meldinger: {len(result.stored)} registrert, {result.duplicates} fantes fra før, "
            f"{len(result.refused)} avvist"
        )
        for uid, error in result.refused:
            self.stdout.write(f"  UID {uid}: {error}")
