"""The monitoring pages: restricted items invisible to other personas on every page, in search and in reports;
quick entry through the page; the team's flow on the pages."""

import datetime

import pytest
from django.urls import reverse

from arena.monitoring.models import MonitoringItem
from arena.register import changes
from arena.register.models import Arena
from arena.register.permissions import Access

SECRET = "Fortrolig: Danmark vurderer grensestenging"


@pytest.fixture
def pages(team, client):
    hsc = Arena.objects.get(key="hsc")
    for item in (team.open_item, team.secret_item):
        item.source_arena = hsc
        changes.save(item, by=Access.system())

    def get(persona, url, **params):
        client.logout()
        client.force_login(team.personas.user(persona))
        return client.get(url, params)

    return get, hsc


@pytest.mark.parametrize("persona", ["reader", "contact_kf"])
def test_team_items_are_invisible_everywhere_to_others(team, pages, persona):
    get, hsc = pages
    urls = [
        reverse("monitoring-items"),
        reverse("monitoring-items") + "?access_level=team",
        reverse("monitoring-country", args=["DK"]),
        reverse("monitoring-topic", args=["covid-19"]),
        hsc.get_absolute_url(),
        reverse("search") + "?q=grensestenging",
        reverse("search") + "?q=Danmark",
    ]
    for url in urls:
        response = get(persona, url)
        assert response.status_code == 200, url
        assert SECRET not in response.content.decode(), url
    assert get(persona, team.secret_item.get_absolute_url()).status_code == 404
    assert get(persona, reverse("monitoring-item-edit", args=[team.secret_item.pk])).status_code == 403
    assert get(persona, reverse("monitoring-feeds")).status_code == 403
    # and the open item is there for them
    assert team.open_item.title in get(persona, reverse("monitoring-country", args=["SE"])).content.decode()
    assert team.open_item.title in get(persona, hsc.get_absolute_url()).content.decode()


def test_the_team_sees_its_items_on_the_pages_and_in_search(team, pages):
    get, hsc = pages
    assert SECRET in get("team", reverse("monitoring-items")).content.decode()
    assert SECRET in get("team", reverse("search"), q="grensestenging").content.decode()
    assert SECRET in get("team", hsc.get_absolute_url()).content.decode()
    assert get("team", team.secret_item.get_absolute_url()).status_code == 200
    filtered = get("team", reverse("monitoring-items"), country="SE").content.decode()
    assert team.open_item.title in filtered and SECRET not in filtered


def test_quick_entry_on_the_page(team, client):
    client.force_login(team.member)
    url = reverse("monitoring-item-create")
    text = "Emne: Tyskland utvider testingen\nDato: 18.03.2020\n\nTyskland tilbyr gratis testing."
    filled = client.post(url, {"text": text}).content.decode()
    assert 'value="Tyskland utvider testingen"' in filled
    assert "Tyskland" in filled  # the country field is filled in
    response = client.post(
        url,
        {
            "title": "Tyskland utvider testingen",
            "date": "2020-03-18",
            "source_kind": "embassy",
            "source": "Ambassaden i Berlin",
            "country_names": "Tyskland",
            "summary": "Tyskland tilbyr gratis testing.",
            "access_level": "everyone",
        },
    )
    item = MonitoringItem.objects.get(title="Tyskland utvider testingen")
    assert response.status_code == 302 and response.url == item.get_absolute_url()
    assert [c.code for c in item.countries.all()] == ["DE"]
    assert item.source_text == "Ambassaden i Berlin"
    assert item.date == datetime.date(2020, 3, 18)
    bad = client.post(
        url,
        {
            "title": "x",
            "date": "2020-03-18",
            "source_kind": "embassy",
            "country_names": "Atlantis",
            "access_level": "everyone",
        },
    )
    assert "Ukjent land: Atlantis" in bad.content.decode()
    assert not MonitoringItem.objects.filter(title="x").exists()
    assert client.post(url, {"text": ""}).status_code == 200


def test_the_team_accepts_and_discards_feed_proposals_on_the_page(team, client):
    from arena.monitoring.models import FeedEntry, FeedSource

    feed = changes.save(
        FeedSource(name="Utbruddsnytt", url="https://example.org/don.xml"), by=Access.system()
    )
    accept, discard = (
        changes.save(
            FeedEntry(
                feed=feed, guid=guid, title=title, proposal={"countries": ["SE"], "topics": ["covid-19"]}
            ),
            by=Access.system(),
        )
        for guid, title in (("a", "Sverige melder om smitte"), ("b", "Uten betydning"))
    )
    client.force_login(team.personas.user("reader"))
    assert client.post(reverse("monitoring-entry", args=[accept.pk, "godta"])).status_code == 403
    client.force_login(team.member)
    page = client.get(reverse("monitoring-feeds")).content.decode()
    assert "Sverige melder om smitte" in page and "Uten betydning" in page
    response = client.post(reverse("monitoring-entry", args=[accept.pk, "godta"]))
    item = MonitoringItem.objects.get(title="Sverige melder om smitte")
    assert response.url == item.get_absolute_url()
    assert [c.code for c in item.countries.all()] == ["SE"]
    client.post(reverse("monitoring-entry", args=[discard.pk, "forkast"]))
    assert FeedEntry.objects.get(pk=discard.pk).status == "discarded"
    assert "Uten betydning" not in client.get(reverse("monitoring-feeds")).content.decode()
