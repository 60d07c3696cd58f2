"""Pages of the agenda, one module per part: calendar (month and list), meetings (detail, create, edit, cancel,
.ics), notes (a session's briefing notes and one note), obligations (obligations, deadlines, overdue), feeds
(calendar feeds and the page with their addresses).

Thin views: the rules are in arena.agenda.meetings / notes / obligations / importing (which ask `Access` and
raise PermissionDenied → 403 or ValidationError → shown as a message, nothing stored)."""
