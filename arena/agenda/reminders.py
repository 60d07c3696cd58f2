"""Reminders (filled in below)."""


def send_agenda_reminders(today=None) -> int:
    return 0
