"""The command line's actor: who a command acts as, asked through the same `Access` as pages and jobs.

A command run by an operator acts as the system (recorded as "systemet") unless `--as USERNAME` names the
person it is done for; then that person's permissions apply and the change is attributed to them."""

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from arena.register.permissions import Access


def add_actor_argument(parser) -> None:
    parser.add_argument(
        "--as",
        dest="acting_as",
        metavar="BRUKERNAVN",
        help="utfør som denne brukeren (med brukerens rettigheter); ellers som systemet",
    )


def actor(options) -> Access:
    username = options.get("acting_as")
    if not username:
        return Access.system()
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"Fant ingen aktiv bruker med brukernavnet «{username}».")
    return Access.of(user)
