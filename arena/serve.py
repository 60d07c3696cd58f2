"""`python -m arena serve`: prepare the database and run the web server."""

import argparse

import django
from django.core.management import call_command


def serve(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m arena serve")
    parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
    parser.add_argument("--demo", action="store_true", help="load the demo register if the register is empty")
    args = parser.parse_args(argv)

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_reference", verbosity=0)
    if args.demo:
        from django.contrib.auth import get_user_model

        from arena.register.demo.load import DEMO_LOGINS, DEMO_PASSWORD, load_demo
        from arena.register.models import Unit

        if not Unit.objects.exists():
            counts = load_demo()
            print("Demodata lastet / demo data loaded: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
        print(f"Arena: http://{args.addrport}/")
        demo_users = (
            get_user_model().objects.filter(username__in=DEMO_LOGINS).values_list("username", flat=True)
        )
        if demo_users:
            print("Demo-innlogging / demo login:")
            for username in demo_users:
                print(f"  brukernavn {username}  passord {DEMO_PASSWORD}")
        else:
            print("Registeret hadde data fra før; ingen demobrukere. / Register not empty; no demo users.")
    call_command("runserver", args.addrport, use_reloader=False)
