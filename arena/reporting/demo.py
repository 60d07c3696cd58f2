"""Issued annual reports in the demo register: 2019 by unit and 2020 by priority area, as the two real reports
are laid out. Opt-in (`python -m arena load-demo --issue-reports`; `serve --demo` queues them for its worker
when it loads a fresh demo register), since generating the PDFs takes a while."""

from arena.register.permissions import Access
from arena.reporting.issuing import issue_report
from arena.reporting.models import IssuedReport

DEMO_REPORTS = ((2019, "unit"), (2020, "area"))


def issue_demo_reports(*, background: bool = False) -> list[IssuedReport]:
    """Issue each demo year's report unless a version of that year and layout is issued or on its way."""
    issued = []
    for year, layout in DEMO_REPORTS:
        existing = IssuedReport.objects.filter(year=year, layout=layout).exclude(
            status=IssuedReport.Status.FAILED
        )
        if existing.exists():
            continue
        issued.append(issue_report(year, layout, by=Access.system(), background=background))
    return issued
