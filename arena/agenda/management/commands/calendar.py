"""`python -m arena calendar [--unit ABBR | --arena KEY | --user USERNAME] --output FILE.ics`: write an
iCalendar feed (a unit's, an arena's or a user's; without a choice, every meeting and deadline)."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from arena.agenda import feeds
from arena.agenda.models import Deadline, Meeting
from arena.register.models import Arena, Unit


class Command(BaseCommand):
    help = "Write an iCalendar (.ics) file of a unit's, an arena's or a user's meetings and deadlines."

    def add_arguments(self, parser):
        scope = parser.add_mutually_exclusive_group()
        scope.add_argument("--unit", help="the unit's abbreviation (or key)")
        scope.add_argument("--arena", help="the arena's reference key (or abbreviation)")
        scope.add_argument("--user", help="a username: that user's personal calendar")
        parser.add_argument(
            "--output", required=True, help="the .ics file to write ('-' for standard output)"
        )

    def handle(self, *args, unit=None, arena=None, user=None, output, **options):
        if unit:
            found = (
                Unit.objects.filter(abbreviation__iexact=unit).first()
                or Unit.objects.filter(key=unit).first()
            )
            if found is None:
                raise CommandError(f"Fant ingen enhet med forkortelsen «{unit}».")
            data = feeds.unit_feed(found, window=False)
        elif arena:
            found = (
                Arena.objects.filter(key=arena).first()
                or Arena.objects.filter(abbreviation__iexact=arena).first()
            )
            if found is None:
                raise CommandError(f"Fant ingen arena med nøkkelen «{arena}».")
            data = feeds.arena_feed(found, window=False)
        elif user:
            found = get_user_model().objects.filter(username=user).first()
            if found is None:
                raise CommandError(f"Fant ingen bruker «{user}».")
            data = feeds.user_feed(found, window=False)
        else:
            data = feeds.build("Arena", Meeting.objects.all(), Deadline.objects.all(), window=False)
        if output == "-":
            self.stdout.write(data.decode("utf-8"), ending="")
            return
        path = Path(output)
        try:
            path.write_bytes(data)
        except OSError as error:
            raise CommandError(f"Kunne ikke skrive {path}: {error.strerror}.") from error
        self.stdout.write(f"calendar: {data.count(b'BEGIN:VEVENT')} events written to {path}")
