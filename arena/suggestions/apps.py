from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SuggestionsConfig(AppConfig):
    """Proposed register entries: a unit contact proposes a missing arena or organisation, uses it at once in
    their own drafts, and the coordinator accepts it, merges it into an existing entry or rejects it."""

    name = "arena.suggestions"
    label = "suggestions"
    verbose_name = _("Forslag til registeret")

    def ready(self):
        from arena.suggestions import kinds  # noqa: F401 - registers the notification kinds
        from arena.suggestions.log_actions import register_labels

        register_labels()
