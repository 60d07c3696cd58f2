from django.apps import AppConfig


class BackupConfig(AppConfig):
    """`python -m arena backup FILE` / `restore FILE`: the database, the issued files and the secret key in one
    archive (arena/backup/archive.py)."""

    name = "arena.backup"
    label = "backup"
    verbose_name = "Sikkerhetskopi"
