from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegisterConfig(AppConfig):
    """The register: the source of truth about units, organisations, arenas and who takes part where."""

    name = "arena.register"
    label = "register"
    verbose_name = _("Register")

    def ready(self):
        from django.db.models.signals import post_migrate, pre_save

        from arena.register import lookups, stamps, textsearch  # noqa: F401 - importing stamps connects them
        from arena.register.text import strip_unsafe_characters

        lookups.register()
        pre_save.connect(strip_unsafe_characters, dispatch_uid="arena-strip-unsafe-characters")
        from arena.register.activity_log import name_actions

        name_actions({"register.restored": _("gjenopprettet versjon %(version)s")})
        post_migrate.connect(textsearch.ensure_sqlite_fts, sender=self)
