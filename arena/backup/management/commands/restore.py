"""`python -m arena restore FILE`: put a backup made by `backup` back (stop the server first)."""

from django.core.management.base import BaseCommand, CommandError

from arena.backup.archive import BackupError, restore


class Command(BaseCommand):
    help = (
        "Gjenopprett Arena fra en sikkerhetskopi laget med `backup`: databasen, de utstedte filene og den "
        "hemmelige nøkkelen erstattes. Stopp serveren først. Mislykkes noe, er alt som før."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="sikkerhetskopien (tar.gz fra `backup`)")

    def handle(self, *args, file, **options):
        try:
            result = restore(file)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Gjenopprettet fra {result['file']} (laget {result['created_at']}): {result['database']}-database, "
            f"{result['files']} filer{', hemmelig nøkkel' if result['secret_key'] else ''}."
        )
