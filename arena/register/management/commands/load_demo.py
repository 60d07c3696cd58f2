from django.core.management.base import BaseCommand

from arena.register.demo.load import load_demo


class Command(BaseCommand):
    help = "Load the demo register (Helsedirektoratet 2019–2020, fictitious people, demo logins). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument(
            "--issue-reports",
            action="store_true",
            help="also issue the annual reports for 2019 (by unit) and 2020 (by area), unless already issued",
        )

    def handle(self, *args, issue_reports: bool = False, **options):
        for part, count in load_demo().items():
            self.stdout.write(f"{part}: {count}")
        if issue_reports:
            from arena.reporting.demo import issue_demo_reports

            for issued in issue_demo_reports(background=False):
                self.stdout.write(f"{issued}: {issued.get_status_display()}")
            from django.apps import apps

            if apps.is_installed("arena.monitoring"):
                from arena.monitoring.demo import generate_demo_reports

                for version in generate_demo_reports():
                    self.stdout.write(f"{version}: {version.get_status_display()}")
