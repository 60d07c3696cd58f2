"""Pages for a country (programmes and activities there) and for a priority area or goal (what serves it),
and the list filters across relations."""

import pytest
from django.urls import reverse

from arena.register.models import Activity, Area, Arena, Country, Engagement, Framework, Organisation, Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("leser"))
    romania = Country.objects.create(code="RO", code3="ROU", name="Romania", name_en="Romania")
    Country.objects.create(code="IS", code3="ISL", name="Island", name_en="Iceland")
    fw = Framework.objects.create(code="hod-2021-2025", name="HODs strategi")
    digital = Area.objects.create(framework=fw, code="digital-helse", number=4, name="Digital helse")
    green = Area.objects.create(framework=fw, code="gronn-helse", number=5, name="Grønn helse")
    eea = Organisation.objects.create(name="EØS", kind="international")
    programme = Arena.objects.create(name="Helseprogrammet i Romania", kind="programme", organisation=eea)
    programme.countries.set([romania])
    kf = Unit.objects.create(name="Kvalitet og forløp", abbreviation="KF", kind="division")
    cancer = Activity.objects.create(year=2020, title="Barnekreft i Romania", main_area=digital)
    cancer.units.set([kf])
    cancer.countries.set([romania])
    cancer.areas.set([digital, green])
    cancer.arenas.set([programme])
    other = Activity.objects.create(year=2020, title="Klimawebinar", main_area=green)
    other.units.set([kf])
    other.areas.set([green])
    engagement = Engagement.objects.create(unit=kf, arena=programme, role="project_partner")
    engagement.areas.set([digital])
    return locals()


def test_country_page_lists_programmes_and_activities(client, data):
    page = client.get(reverse("country-detail", args=["ro"])).content.decode()
    assert "Helseprogrammet i Romania" in page and "Barnekreft i Romania" in page
    assert "Klimawebinar" not in page
    assert client.get(reverse("country-detail", args=["XX"])).status_code == 404
    listing = client.get(reverse("country-list")).content.decode()
    assert "Romania" in listing and "Island" not in listing  # only countries with links


def test_area_page_lists_what_serves_it(client, data):
    page = client.get(data["digital"].get_absolute_url()).content.decode()
    assert "Barnekreft i Romania" in page and "Klimawebinar" not in page
    assert data["engagement"].get_absolute_url() in page
    listing = client.get(reverse("area-list")).content.decode()
    assert "HODs strategi" in listing and data["green"].get_absolute_url() in listing


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"country": "RO"}, {"Barnekreft i Romania"}),
        ({"area": "green"}, {"Barnekreft i Romania", "Klimawebinar"}),
        ({"arena": "programme"}, {"Barnekreft i Romania"}),
        ({"organisation": "eea"}, {"Barnekreft i Romania"}),
        ({"kind": "participation"}, {"Barnekreft i Romania", "Klimawebinar"}),
    ],
)
def test_activity_list_filters_across_relations_without_repeating_rows(client, data, params, expected):
    ids = {
        "RO": data["romania"].pk,
        "green": data["green"].pk,
        "programme": data["programme"].pk,
        "eea": data["eea"].pk,
    }
    query = {k: ids.get(v, v) for k, v in params.items()}
    response = client.get(reverse("activity-list"), query)
    titles = [a.title for a in response.context["objects"]]
    assert set(titles) == expected
    assert len(titles) == len(set(titles))
