"""The item table's rows (monitoring/listing.py): date, link, countries in name order and in the page's
language, the source or its kind, and the team-only mark."""

import datetime

import pytest
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils import translation

from arena.monitoring.items import save_item
from arena.monitoring.listing import item_rows
from arena.monitoring.models import MonitoringItem, SourceKind


def test_item_rows_show_what_the_table_shows(team):
    team.secret_item.countries.add(team.sweden)  # Danmark before Sverige
    items = MonitoringItem.objects.select_related("source_organisation", "source_arena").order_by("date")
    open_row, secret_row = item_rows(items)
    assert open_row["iso_date"] == "2020-03-16"
    assert open_row["date"] == date_filter(team.open_item.date, "j. M Y") and open_row["date"].startswith(
        "16. "
    )
    assert open_row["url"] == reverse("monitoring-item", args=[team.open_item.pk])
    assert open_row["source"] == "Ambassaden i Stockholm" and not open_row["restricted"]
    assert secret_row["restricted"] and secret_row["source"] == team.secret_item.get_source_kind_display()
    assert [name for _, name in secret_row["countries"]] == ["Danmark", "Sverige"]
    assert secret_row["countries"][0][0] == reverse("monitoring-country", args=["DK"])
    with translation.override("en"):
        open_row, secret_row = item_rows(items)
        assert [name for _, name in secret_row["countries"]] == ["Denmark", "Sweden"]
        assert open_row["date"] == date_filter(team.open_item.date, "j. M Y")


@pytest.mark.django_db(transaction=True)  # the filters' options are kept only outside a transaction
def test_the_topic_filter_is_kept_and_offers_a_topic_added_after_it_was_drawn():
    from arena.monitoring.filters import MonitoringItemFilter
    from arena.monitoring.models import Topic

    before = str(MonitoringItemFilter({}).form["topic"])
    Topic.objects.create(key="test-topic", name="Testtema & <co>")
    after = str(MonitoringItemFilter({}).form["topic"])
    assert 'value="test-topic"' not in before
    assert '<option value="test-topic">Testtema &amp; &lt;co&gt;</option>' in after
    chosen = str(MonitoringItemFilter({"topic": "test-topic"}).form["topic"])
    assert '<option value="test-topic" selected>' in chosen


def test_the_text_filter_finds_a_two_letter_word_where_a_word_starts(team):
    from arena.monitoring.filters import MonitoringItemFilter

    def item(title, summary=""):
        new = MonitoringItem(date=datetime.date(2021, 5, 3), title=title, summary=summary)
        new.source_kind = SourceKind.AUTHORITY
        return save_item(new, by=team.member)

    eu = item("EU-landene samordner innreise")
    summarised = item("Felles sertifikat", summary="Et forslag fra kommisjonen (EU) om vaksinebevis")
    item("Nevrologiske følger av neuroinfeksjoner")

    def found(text):
        return set(MonitoringItemFilter({"q": text}, queryset=MonitoringItem.objects.all()).qs)

    assert found("eu") == {eu, summarised}
    assert found("EU innreise") == {eu}
    assert len(found("neuro")) == 1  # three letters: inside a word too


def test_search_finds_items_by_their_named_source_and_by_text_newest_first(team):
    from arena.register.models import Organisation
    from arena.register.permissions import Access
    from arena.register.search import search

    agency = Organisation.objects.create(name="Smittevernbyrået Testland", kind="national")

    def item(day, title, **source):
        new = MonitoringItem(date=datetime.date(2021, 6, day), title=title, **source)
        return save_item(new, by=team.member)

    sourced = item(1, "Nye råd om reiser", source_kind=SourceKind.AUTHORITY, source_organisation=agency)
    mentioned = item(2, "Smittevernbyrået Testland endrer kurs", source_kind=SourceKind.MEDIA)
    item(3, "Noe helt annet", source_kind=SourceKind.MEDIA)
    results = search("Smittevernbyrået Testland", access=Access.of(team.member))
    hits = dict(results.extra)["monitoring_items"]
    assert [h.obj.pk for h in hits] == [mentioned.pk, sourced.pk]
