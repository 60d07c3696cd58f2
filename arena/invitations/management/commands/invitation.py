"""`python -m arena invitation FILE.eml|FILE.msg [--dry-run] [--json] [--as USERNAME]`: read an invitation, show
where Arena would route it (--dry-run), or store and route it."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from arena.invitations.intake import analyse, as_json, receive
from arena.invitations.messages import InvitationError, max_bytes, parse_file
from arena.invitations.models import Invitation
from arena.register.cli import actor, add_actor_argument


class Command(BaseCommand):
    help = "Les en invitasjon (.eml eller .msg), og registrer og send den til riktig enhet."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="vis hva Arena leser, lagre ingenting")
        parser.add_argument("--json", action="store_true", help="svar som JSON")
        add_actor_argument(parser)

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            if not path.is_file():
                raise InvitationError(f"Finner ikke filen {path}.")
            if path.stat().st_size > max_bytes():
                raise InvitationError("Filen er for stor.")
            message = parse_file(path.read_bytes(), path.name)
            reading, proposal = analyse(message)
            result = as_json(message, reading, proposal)
            if not options["dry_run"]:
                invitation = receive(message, by=actor(options), source=Invitation.Source.COMMAND)
                result["id"] = invitation.pk
                result["status"] = invitation.status
        except InvitationError as error:
            raise CommandError(str(error)) from error
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
            return
        for key, value in result.items():
            self.stdout.write(f"{key}: {value}")
