from pathlib import Path

from django.core.management.base import BaseCommand

from arena.opendata.publish import write_open_data


class Command(BaseCommand):
    help = (
        "Write the open data (CSV and JSON per dataset, the DCAT-AP-NO catalogue as Turtle and JSON-LD) to a "
        "directory: the same files /data/ serves."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, type=Path, help="directory to write to")

    def handle(self, *args, output: Path, **options):
        for path in write_open_data(output):
            self.stdout.write(str(path))
