from django.core.management.base import BaseCommand

from arena.register.demo.load import load_demo


class Command(BaseCommand):
    help = "Load the demo register (Helsedirektoratet 2019–2020, fictitious people, demo logins). Idempotent."

    def handle(self, *args, **options):
        for part, count in load_demo().items():
            self.stdout.write(f"{part}: {count}")
