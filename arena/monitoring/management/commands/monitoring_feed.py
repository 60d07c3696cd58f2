"""`python -m arena monitoring-feed FILE_OR_URL [--dry-run] [--json]`: read an RSS/Atom feed and print the
proposed items; without --dry-run the feed (configured by that URL) is polled and its new entries stored."""

import json

from django.core.management.base import BaseCommand, CommandError

from arena.monitoring.feeds import FeedError, poll, read
from arena.monitoring.models import FeedSource
from arena.register.cli import actor, add_actor_argument

JSON_KEYS = ("title", "published", "link", "countries", "organisations", "arenas", "topics")


class Command(BaseCommand):
    help = "Read an RSS/Atom feed (file or URL) and propose monitoring items"

    def add_arguments(self, parser):
        parser.add_argument("location", metavar="FILE_OR_URL")
        parser.add_argument("--dry-run", action="store_true", help="only print the proposals")
        parser.add_argument("--json", dest="as_json", action="store_true", help="print JSON")
        add_actor_argument(parser)

    def handle(self, *args, location, dry_run, as_json, **options):
        if dry_run:
            try:
                parsed = read(location)
            except FeedError as error:
                raise CommandError(str(error)) from error
            proposals = [{key: getattr(e, key) for key in JSON_KEYS} for e in parsed.entries]
            if as_json:
                self.stdout.write(json.dumps(proposals, ensure_ascii=False, indent=2))
            else:
                for warning in parsed.warnings:
                    self.stderr.write(warning)
                for p in proposals:
                    self.stdout.write(f"{p['published'] or '—'}  {p['title']}  [{', '.join(p['countries'])}]")
            return
        by = actor(options)
        feed = FeedSource.objects.filter(url=location).first()
        if feed is None:
            raise CommandError(f"Ingen nyhetsstrøm er satt opp med adressen {location}.")
        result = poll(feed, by=by)
        if result.error:
            raise CommandError(result.error)
        self.stdout.write(f"{result.new} nye, {result.known} kjente")
