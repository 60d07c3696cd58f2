from django.apps import AppConfig


class WebConfig(AppConfig):
    """Pages: base templates, sign-in, home and the register's read-only views."""

    name = "arena.web"
    label = "web"
