"""`python -m arena invitation-retention`: remove invitation bodies and attachments past
ARENA_INVITATION_RETENTION_DAYS (the facts stay); logged. The worker runs it daily."""

from django.core.management.base import BaseCommand

from arena.invitations.retention import remove_bodies


class Command(BaseCommand):
    help = "Slett innhold og vedlegg i invitasjoner eldre enn oppbevaringstiden (faktaene beholdes)."

    def handle(self, *args, **options):
        count = remove_bodies()
        self.stdout.write(f"Innhold slettet i {count} invitasjoner.")
