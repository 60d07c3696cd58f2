"""The dashboard and the annual report show the same figures for the same year: both come from
arena.register.figures. Checked on the demo register for 2019 and 2020, against what each actually shows."""

import pytest
from django.urls import reverse

from arena.reporting.builder import build_report
from arena.reporting.document import Figure, Table, iter_blocks

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_db")]


def _dashboard(client, django_user_model, year):
    client.force_login(django_user_model.objects.create_user(f"leser-{year}"))
    response = client.get(reverse("dashboard"), {"year": year})
    assert response.status_code == 200
    return {b.key: b for b in response.context["overview"].breakdowns}


def _figure(report, fid) -> dict[str, tuple[int, int]]:
    figure = next(b for b in iter_blocks(report) if isinstance(b, Figure) and b.id == fid)
    *before, current = figure.chart.series  # no series for the year before in the register's first year
    previous = before[0].values if before else [0] * len(current.values)
    return dict(zip(figure.chart.categories, zip(current.values, previous, strict=True), strict=True))


def _organisation_table(report) -> dict[str, int]:
    table = next(b for b in iter_blocks(report) if isinstance(b, Table) and "per organisasjon" in b.caption)
    return {label: int(n) for label, n in table.rows}


@pytest.mark.parametrize("year", [2019, 2020])
def test_dashboard_and_report_agree(client, django_user_model, year):
    dashboard = _dashboard(client, django_user_model, year)
    report = build_report(year, "unit")
    units = {r.label: (r.count, r.previous) for r in dashboard["unit"].rows if r.count or r.previous}
    assert _figure(report, "fig-enheter") == units
    areas = {r.label: (r.count, r.previous) for r in dashboard["area"].rows}
    assert _figure(report, "fig-omrader") == areas
    organisations = {r.label: r.count for r in dashboard["organisation"].rows if r.count}
    assert _organisation_table(report) == dict(list(organisations.items())[:15])
