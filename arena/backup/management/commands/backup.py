"""`python -m arena backup FILE`: the database, the issued report files and the secret key in one file."""

from django.core.management.base import BaseCommand, CommandError

from arena.backup.archive import BackupError, backup
from arena.backup.databases import DatabaseError


class Command(BaseCommand):
    help = "Sikkerhetskopi av Arena (database, utstedte filer, hemmelig nøkkel) til én fil (tar.gz)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="filen som skal skrives, f.eks. arena-2026-12-01.tar.gz")

    def handle(self, *args, file, **options):
        try:
            result = backup(file)
        except (BackupError, DatabaseError) as error:
            raise CommandError(str(error)) from error
        key = "med hemmelig nøkkel" if result["secret_key"] else "uten nøkkelfil (nøkkelen er i miljøet)"
        self.stdout.write(
            f"Sikkerhetskopi skrevet til {result['file']}: {result['database']}-database, "
            f"{result['files']} filer, {key}."
        )
