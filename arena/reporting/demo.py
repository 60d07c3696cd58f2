"""Issued annual reports in the demo register: 2019 by unit and 2020 by priority area, as the two real reports
are laid out. Opt-in (`python -m arena load-demo --issue-reports`; `serve --demo` queues them for its worker
when it loads a fresh demo register), since generating the PDFs takes a while.

A report is issued only from an approved reporting cycle, so each demo year's cycle is first opened (with the
real year's deadline, 1 February the year after), every submission delivered and approved, and the cycle
approved — by the system, through the cycle's own functions, so each step is in the activity log. A few
editorial texts (demo_texts.py) are written first, so the reports show them. This happens
only when the reports are asked for: without them the demo register has no cycles (tests open a 2020 cycle on
it)."""

import datetime

from arena.register.permissions import Access
from arena.reporting import cycle as flow
from arena.reporting.demo_texts import write_demo_texts
from arena.reporting.issuing import issue_report
from arena.reporting.models import IssuedReport, ReportingCycle, Submission

DEMO_REPORTS = ((2019, "unit"), (2020, "area"))


def approve_demo_cycle(year: int) -> ReportingCycle:
    """The year's cycle, opened if missing, with every submission delivered and approved, and approved."""
    system = Access.system()
    cycle = ReportingCycle.objects.filter(year=year).first()
    if cycle is None:
        cycle = flow.open_cycle(year, datetime.date(year + 1, 2, 1), by=system)
    if cycle.is_open:
        write_demo_texts(cycle)
        for submission in cycle.submissions.select_related("unit", "cycle").order_by("unit__name"):
            if submission.is_editable:
                flow.submit(submission, by=system)
            if submission.status == Submission.Status.SUBMITTED:
                flow.approve_submission(submission, by=system)
        cycle = flow.approve_cycle(cycle, by=system)
    return cycle


def issue_demo_reports(*, background: bool = False) -> list[IssuedReport]:
    """Issue each demo year's report unless a version of that year and layout is issued or on its way."""
    issued = []
    for year, layout in DEMO_REPORTS:
        existing = IssuedReport.objects.filter(year=year, layout=layout, is_draft=False).exclude(
            status=IssuedReport.Status.FAILED
        )
        if existing.exists():
            continue
        approve_demo_cycle(year)
        issued.append(issue_report(year, layout, by=Access.system(), background=background))
    return issued
