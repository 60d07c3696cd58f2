"""`python -m arena send_reminders`: send the deadline reminders now (the worker also does it every hour)."""

from django.core.management.base import BaseCommand

from arena.notifications.events import send_deadline_reminders


class Command(BaseCommand):
    help = "Send deadline reminders for open reporting cycles (each reminder goes once)."

    def handle(self, **options):
        self.stdout.write(f"reminders: {send_deadline_reminders()}")
