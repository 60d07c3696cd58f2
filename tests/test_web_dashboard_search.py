"""The dashboard (figures per unit, priority area and organisation, with the previous year) and the search page."""

import pytest
from django.urls import reverse

from arena.register import figures as stats
from arena.register.models import Activity, Area, Arena, Framework, Organisation, Unit
from arena.register.reference.frameworks import HOD_STRATEGY

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_data():
    hod = Framework.objects.create(code=HOD_STRATEGY, name="HODs strategi")
    digital = Area.objects.create(framework=hod, code="digital-helse", number=4, name="Digital helse")
    Area.objects.create(framework=hod, code="gronn-helse", number=5, name="Grønn helse")
    who = Organisation.objects.create(
        name="Verdens helseorganisasjon", abbreviation="WHO", kind="international"
    )
    euro = Organisation.objects.create(name="WHO Europa", kind="international", parent=who)
    arena = Arena.objects.create(name="Regionalkomiteen", kind="governing_body", organisation=euro)
    kf = Unit.objects.create(name="Kvalitet og forløp", abbreviation="KF", kind="division")
    ff = Unit.objects.create(name="Folkehelse", abbreviation="FF", kind="division")
    for year, units, n in ((2020, [kf], 3), (2020, [kf, ff], 1), (2019, [ff], 2)):
        for i in range(n):
            a = Activity.objects.create(
                year=year, title=f"{year}-{units[-1].abbreviation}-{i}", main_area=digital
            )
            a.units.set(units)
            a.arenas.set([arena])
    return locals()


def test_breakdowns_count_this_and_last_year(year_data):
    units = {r.label: (r.count, r.previous, r.change) for r in stats.by_unit(2020).rows}
    assert units == {"KF": (4, 0, 4), "FF": (1, 2, -1)}
    areas = {r.label: (r.count, r.previous) for r in stats.by_area(2020).rows}
    assert areas == {"Digital helse": (4, 2), "Grønn helse": (0, 0)}  # every priority area is listed
    orgs = {r.label: (r.count, r.previous) for r in stats.by_organisation(2020).rows}
    assert orgs == {"WHO": (4, 2)}  # the arena's organisation rolls up to its top organisation


def test_dashboard_shows_charts_with_text_alternatives(client, django_user_model, year_data):
    client.force_login(django_user_model.objects.create_user("leser"))
    page = client.get(reverse("dashboard")).content.decode()
    assert "Oversikt 2020" in page
    assert page.count('<svg role="img"') == 3
    assert page.count("<desc id=") == 3
    assert "<caption>Aktiviteter per enhet (avdelinger telles i divisjonen) – tall</caption>" in page
    assert '<td class="num">+4</td>' in page  # KF's change from 2019
    assert page.count('<ul class="chart-legend">') == 3  # each chart says which bar is which year
    assert "</span>2020 (mørk)</li>" in page and "</span>2019 (lys)</li>" in page
    other_year = client.get(reverse("dashboard"), {"year": "2019"}).content.decode()
    assert "Oversikt 2019" in other_year
    assert client.get(reverse("dashboard"), {"year": "tull"}).status_code == 200


def test_empty_register_dashboard_says_so(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("leser"))
    assert "Registeret har ingen aktiviteter ennå." in client.get(reverse("dashboard")).content.decode()


def test_search_page_groups_hits_and_links_them(client, django_user_model, year_data):
    client.force_login(django_user_model.objects.create_user("leser"))
    page = client.get(reverse("search"), {"q": "Verdens helseorganisasjon"}).content.decode()
    assert '<h2 id="group-organisations">Organisasjoner' in page
    assert year_data["arena"].get_absolute_url() in page
    assert "knyttet til WHO" in page
    assert "Ingen treff" in client.get(reverse("search"), {"q": "zzzqqq"}).content.decode()
    assert client.get(reverse("search")).status_code == 200


def test_search_requires_sign_in(client):
    response = client.get(reverse("search"), {"q": "WHO"})
    assert response.status_code == 302
