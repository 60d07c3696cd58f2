from django.apps import AppConfig


class WebConfig(AppConfig):
    """Pages: base templates, sign-in, home and the register's read-only views."""

    name = "arena.web"
    label = "web"

    def ready(self):
        import logging

        logging.getLogger("django.request").addFilter(one_line_forbidden)


def one_line_forbidden(record) -> bool:
    """A refused permission (403) is an everyday event, not an error: log it as one line, without the
    traceback Django attaches."""
    if getattr(record, "status_code", None) == 403:
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
    return True
