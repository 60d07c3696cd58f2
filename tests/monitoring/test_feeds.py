"""Feeds served from local files by an HTTP server the test starts on 127.0.0.1: polled twice (nothing stored
twice), bad feeds give clear messages and the poll goes on, and the command line's dry run."""

import functools
import http.server
import json
import threading
import time
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from arena.monitoring import feeds
from arena.monitoring.models import FeedEntry, FeedSource, MonitoringItem
from arena.register import changes
from arena.register.permissions import Access

FILES = Path(__file__).parent / "feeds"


class Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path == "/slow.xml":
            time.sleep(1.5)
        if self.path == "/huge.xml":
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.end_headers()
            self.wfile.write(b"<?xml version='1.0'?><rss version='2.0'><channel>" + b" " * 300_000)
            return
        super().do_GET()


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=str(FILES))
    )
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _feed(url: str, name: str) -> FeedSource:
    return changes.save(FeedSource(name=name, url=url), by=Access.system())


def test_polled_twice_nothing_stored_twice_and_bad_feeds_do_not_stop_the_poll(team, server, settings):
    settings.ARENA_FEED_MAX_BYTES = 200_000
    settings.ARENA_FEED_TIMEOUT = 0.5
    good = _feed(f"{server}/outbreaks.xml", "Utbruddsnytt")
    atom = _feed(f"{server}/threats.atom", "Trusselrapport")
    bad = {
        "html": _feed(f"{server}/not-a-feed.html", "Nettside"),
        "text": _feed(f"{server}/plain.txt", "Tekst"),
        "missing": _feed(f"{server}/missing.xml", "Borte"),
        "slow": _feed(f"{server}/slow.xml", "Treg"),
        "huge": _feed(f"{server}/huge.xml", "Stor"),
        "unreachable": _feed("http://127.0.0.1:9/feed.xml", "Utilgjengelig"),
    }
    first = {r.feed.pk: r for r in feeds.poll_all()}
    assert first[good.pk].new == 3 and first[atom.pk].new == 1
    assert any("flere ganger" in w for w in first[good.pk].warnings)
    assert "ikke XML" in first[bad["html"].pk].error
    assert "ikke XML" in first[bad["text"].pk].error
    assert "404" in first[bad["missing"].pk].error
    assert "kunne ikke hentes" in first[bad["slow"].pk].error
    assert "for stor" in first[bad["huge"].pk].error
    assert "kunne ikke hentes" in first[bad["unreachable"].pk].error
    for feed in bad.values():
        feed.refresh_from_db()
        assert feed.last_error and not feed.entries.exists()
        assert feed.history.count() == 1  # the poll's state is not a new version of the feed
    second = {r.feed.pk: r for r in feeds.poll_all()}
    assert second[good.pk].new == 0 and second[good.pk].known == 3
    assert FeedEntry.objects.count() == 4

    italy = FeedEntry.objects.get(guid="don-2020-03-01")
    assert (
        italy.summary
        == "Italy extends its measures to the whole country. The World Health Organization follows up."
    )
    assert italy.proposal["countries"] == ["IT"]
    assert italy.proposal["topics"] == ["covid-19"]
    assert italy.proposal["organisations"] == ["Verdens helseorganisasjon"]
    undated = FeedEntry.objects.get(guid="don-undated")
    assert undated.published is None and undated.proposal["warnings"]
    assert undated.proposal["topics"] == ["amr"]

    # the team accepts one entry and discards another; the item carries the proposal's links
    item = feeds.accept(italy, by=team.member)
    assert [c.code for c in item.countries.all()] == ["IT"]
    assert item.source_organisation.abbreviation == "WHO"
    assert item.history.get().history_user == team.member
    feeds.discard(undated, by=team.member)
    assert MonitoringItem.objects.filter(link="https://example.org/don/2020-03-01").count() == 1
    with pytest.raises(ValidationError, match="allerede behandlet"):
        feeds.accept(italy, by=team.member)
    # a reader may not decide on proposals
    with pytest.raises(PermissionDenied):
        feeds.accept(FeedEntry.objects.get(guid="don-2020-03-02"), by=team.personas.user("reader"))


def test_command_line_dry_run_prints_the_proposals_as_json(team, capsys):
    call_command("monitoring_feed", str(FILES / "outbreaks.xml"), "--dry-run", "--json")
    proposals = json.loads(capsys.readouterr().out)
    assert [set(p) for p in proposals] == [
        {"title", "published", "link", "countries", "organisations", "arenas", "topics"}
    ] * 3
    sweden = proposals[1]
    assert sweden["published"] == "2020-03-10"
    assert set(sweden["countries"]) == {"SE", "DK"}
    assert sweden["arenas"] == ["EUs helsesikkerhetskomité"]
    assert proposals[2]["published"] is None
    assert not FeedEntry.objects.exists()


def test_command_line_says_what_is_wrong(team):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="ikke XML"):
        call_command("monitoring_feed", str(FILES / "plain.txt"), "--dry-run", "--json")
    with pytest.raises(CommandError, match="Finner ikke"):
        call_command("monitoring_feed", str(FILES / "nope.xml"), "--dry-run")
