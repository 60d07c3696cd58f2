"""`python -m arena create-token USERNAME [--name NAME]`: make an API token for a user and print it."""

from django.core.management.base import BaseCommand, CommandError

from arena.api import tokens
from arena.register.cli import actor, add_actor_argument


class Command(BaseCommand):
    help = "Lag en API-nøkkel for en bruker og skriv den ut (den vises bare denne ene gangen)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="Kommandolinjen", help="Hva nøkkelen brukes til.")
        add_actor_argument(parser)

    def handle(self, *args, username, name, **options):
        user = tokens.user_named(username)
        if user is None:
            raise CommandError(f"Fant ingen bruker med brukernavnet «{username}».")
        _row, token = tokens.create(user, name, by=actor(options))
        self.stdout.write(token)
