from django.core.management.base import BaseCommand

from arena.register.reference.load import load_reference


class Command(BaseCommand):
    help = "Load the reference data shipped with Arena (countries, organisations, arenas, frameworks). Idempotent."

    def handle(self, *args, **options):
        for part, created in load_reference().items():
            self.stdout.write(f"{part}: {created} created")
