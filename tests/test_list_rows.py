"""The activity and engagement lists write rows worked out in Python (arena/web/listing.py): the same cells the
register holds — links, unit and arena names in the page's language and order, role, period, people — escaped,
with a fixed number of queries however many rows."""

import datetime

from django.urls import reverse
from django.utils import translation

from arena.register.models import Activity, Engagement, Organisation, Person
from arena.web.listing import activity_rows, engagement_rows


def test_activity_rows_hold_links_names_and_kind(sample):
    sample.activity_2019.units.add(sample.team)  # the team after the department (kind, then name)
    sample.activity_2019.arenas.add(sample.tobacco)
    sample.assembly.name_en = "World Health Assembly"
    sample.assembly.save()
    row = activity_rows([Activity.objects.get(pk=sample.activity_2019.pk)])[0]
    assert row["url"] == reverse("activity-detail", args=[sample.activity_2019.pk])
    assert row["kind"] == "Faglig bidrag eller innspill"
    assert row["units"] == [
        (reverse("unit-detail", args=[sample.department.pk]), "AGH"),
        (reverse("unit-detail", args=[sample.team.pk]), "TT"),
    ]
    assert [name for _, name in row["arenas"]] == [
        "Joint Action on Tobacco Control",
        "Verdens helseforsamling",
    ]
    with translation.override("en"):
        row = activity_rows([sample.activity_2019])[0]
        assert row["kind"] == "Expert contribution or input"
        assert "World Health Assembly" in [name for _, name in row["arenas"]]


def test_activity_list_escapes_and_stays_at_a_fixed_number_of_queries(
    signed_in, sample, django_assert_num_queries, django_assert_max_num_queries
):
    url = reverse("activity-list")
    sample.activity_2020.title = "Tobakk <script>alert(1)</script>"
    sample.activity_2020.save()
    page = signed_in.get(url).content.decode()
    assert "&lt;script&gt;" in page and "<script>alert" not in page
    assert f'<a href="{reverse("unit-detail", args=[sample.team.pk])}">TT</a>' in page
    with django_assert_max_num_queries(12) as few:
        signed_in.get(url)
    for i in range(20):
        activity = Activity.objects.create(year=2020, title=f"Aktivitet {i}", kind=Activity.Kind.PROJECT)
        activity.units.add(sample.team, sample.department)
        activity.arenas.add(sample.tobacco, sample.assembly)
    with django_assert_num_queries(len(few.captured_queries)):
        assert "Aktivitet 19" in signed_in.get(url).content.decode()


def test_engagement_rows_name_holder_people_and_period(sample):
    fhi = Organisation.objects.create(kind=Organisation.Kind.NATIONAL_AGENCY, name="Folkehelseinstituttet",
                                      abbreviation="FHI")  # fmt: skip
    partner = Engagement.objects.create(
        partner=fhi, arena=sample.tobacco, role=Engagement.Role.MEMBER, ends_on=datetime.date(2021, 6, 30)
    )
    kari = Person.objects.create(given_name="Kari", family_name="Andersen")
    sample.engagement.people.add(kari)  # Andersen before Nordmann
    rows = engagement_rows(Engagement.objects.select_related("unit", "partner", "arena").order_by("pk"))
    unit_row, partner_row = rows
    assert unit_row["holder"] == "AGH" and not unit_row["is_partner"]
    assert unit_row["holder_url"] == reverse("unit-detail", args=[sample.department.pk])
    assert unit_row["people"] == "Kari Andersen, Ola Nordmann"
    assert unit_row["period"] == "2018–" and unit_row["role"] == sample.engagement.get_role_display()
    assert partner_row["holder"] == "FHI" and partner_row["is_partner"]
    assert partner_row["holder_url"] == reverse("organisation-detail", args=[fhi.pk])
    assert partner_row["url"] == reverse("engagement-detail", args=[partner.pk])
    assert partner_row["period"] == "–2021" and partner_row["people"] == ""
