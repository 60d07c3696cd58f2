"""Arena's command line: `python -m arena COMMAND`.

serve [ADDR:PORT] [--demo]   migrate, load reference data (and the demo register once), then serve with the
                             background worker beside it; --production: gunicorn + worker (docs/deploy.md)
worker                       run background tasks (report issuing, e-mail, reminders) until stopped
load-reference               load the reference data shipped with Arena (idempotent)
load-demo                    load the demo register (idempotent)
any other Django management command, e.g. `python -m arena createsuperuser`
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "arena.settings")
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(__doc__)
        return
    command, rest = argv[0], argv[1:]
    if command == "serve":
        from arena.serve import serve

        serve(rest)
        return
    from django.core.management import execute_from_command_line

    execute_from_command_line(["arena", command.replace("-", "_"), *rest])


if __name__ == "__main__":
    main()
