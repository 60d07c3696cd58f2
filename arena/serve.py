"""`python -m arena serve`: prepare the database, then run the web server together with the background worker.

Development (default): Django's runserver plus `python -m arena worker` beside it.
`--production`: static files collected (served by WhiteNoise), gunicorn plus the worker, both supervised:
SIGTERM/SIGINT stop both cleanly, and if one of them exits the other is stopped and serve exits non-zero, so a
process manager (systemd, a container runtime) restarts the pair.
"""

import argparse
import os
import signal
import subprocess
import sys
import time

import django
from django.core.management import call_command


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m arena serve")
    parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
    parser.add_argument("--demo", action="store_true", help="load the demo register if the register is empty")
    parser.add_argument(
        "--production", action="store_true", help="gunicorn and the worker (see docs/deploy.md)"
    )
    parser.add_argument(
        "--web-workers",
        type=int,
        default=int(os.environ.get("ARENA_WEB_WORKERS", "3")),
        help="gunicorn worker processes (--production; default ARENA_WEB_WORKERS or 3)",
    )
    parser.add_argument("--no-worker", action="store_true", help="do not start the background worker")
    return parser


def _load_demo(addrport: str) -> None:
    from django.contrib.auth import get_user_model

    from arena.register.demo.load import DEMO_LOGINS, DEMO_PASSWORD, load_demo
    from arena.register.models import Unit

    if not Unit.objects.exists():
        counts = load_demo()
        print("Demodata lastet / demo data loaded: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
        from arena.reporting.demo import issue_demo_reports

        # The worker beside the server generates them; the server is up meanwhile.
        issue_demo_reports(background=True)
        print(
            "Årsmeldingene for 2019 og 2020 lages i bakgrunnen. / The 2019 and 2020 reports are being issued."
        )
    print(f"Arena: http://{addrport}/")
    demo_users = get_user_model().objects.filter(username__in=DEMO_LOGINS).values_list("username", flat=True)
    if demo_users:
        print("Demo-innlogging / demo login:")
        for username in demo_users:
            print(f"  brukernavn {username}  passord {DEMO_PASSWORD}")
    else:
        print("Registeret hadde data fra før; ingen demobrukere. / Register not empty; no demo users.")


def _worker() -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "arena", "worker"])


def _stop(processes: list[subprocess.Popen], timeout: float = 30) -> None:
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + timeout
    for process in processes:
        try:
            process.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _supervise(processes: list[subprocess.Popen]) -> int:
    """Wait until a signal arrives or one process exits; then stop all. Returns serve's exit status."""
    stopping = []

    def on_signal(signum, frame):
        stopping.append(signum)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    while not stopping and all(p.poll() is None for p in processes):
        time.sleep(0.2)
    _stop(processes)
    return 0 if stopping else 1


def serve(argv: list[str]) -> None:
    args = _parser().parse_args(argv)
    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_reference", verbosity=0)
    if args.demo:
        _load_demo(args.addrport)
    if args.production:
        call_command("collectstatic", interactive=False, verbosity=0)
        web = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "arena.wsgi:application",
                "--bind",
                args.addrport,
                "--workers",
                str(args.web_workers),
                "--access-logfile",
                "-",
                "--forwarded-allow-ips",
                os.environ.get("ARENA_FORWARDED_ALLOW_IPS", "127.0.0.1"),
            ]
        )
        processes = [web] + ([] if args.no_worker else [_worker()])
        sys.exit(_supervise(processes))
    worker = None if args.no_worker else _worker()
    try:
        call_command("runserver", args.addrport, use_reloader=False)
    finally:
        if worker:
            _stop([worker])
