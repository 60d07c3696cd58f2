"""`python -m arena report YEAR --layout unit|area --format html|docx|pdf --output FILE [--toc-pages]`"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from arena.reporting.builder import LAYOUTS, build_report
from arena.reporting.document import activity_entries
from arena.reporting.renderers import FORMATS, render


class Command(BaseCommand):
    help = "Lag årsmeldingen for et år fra registeret (HTML, DOCX eller PDF)."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, help="Året årsmeldingen gjelder.")
        parser.add_argument(
            "--layout", choices=LAYOUTS, default="unit", help="Ordnet etter enhet eller område."
        )
        parser.add_argument(
            "--format", choices=FORMATS, default=None, help="Filformat; standard er filendelsen til --output."
        )
        parser.add_argument(
            "--output", "-o", help="Filen som skrives (standard: arsmelding-ÅR-OPPSETT.FORMAT)."
        )
        parser.add_argument(
            "--toc-pages",
            action="store_true",
            help="DOCX: sidetall i innholdsfortegnelsen fra LibreOffice (noen sekunder ekstra; ellers fyller Word "
            "dem inn når filen åpnes).",
        )
        parser.add_argument(
            "--language", default=settings.LANGUAGE_CODE, help="Språk for overskrifter og faste tekster (nb)."
        )

    def handle(
        self,
        *args,
        year: int,
        layout: str,
        format: str | None,
        output: str | None,
        language: str,
        toc_pages: bool = False,
        **options,
    ):
        if not 1990 <= year <= 2100:
            raise CommandError("Året må være mellom 1990 og 2100.")
        fmt = format or (Path(output).suffix.lstrip(".").lower() if output else "") or "html"
        if fmt not in FORMATS:
            raise CommandError(f"Ukjent format «{fmt}»; velg {', '.join(FORMATS)}.")
        path = Path(output or f"arsmelding-{year}-{layout}.{fmt}")
        report = build_report(year, layout, language=language)
        data = render(report, fmt, docx_page_numbers=toc_pages)
        path.write_bytes(data)
        count = len(activity_entries(report))
        self.stdout.write(f"{path}: {fmt}, {len(data)} byte, {count} aktiviteter ({year}, {layout})")
