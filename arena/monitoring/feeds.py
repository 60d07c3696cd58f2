"""RSS/Atom feeds of public sources (WHO's disease outbreak news, ECDC's weekly threats report …): fetched with
a size limit and a timeout, parsed with feedparser, summaries sanitised to plain text with nh3, each entry
linked to the register (countries, organisations, arenas, topics) and stored once (by guid, else link) as a
proposal the team accepts as an item or discards.

Bad input raises `FeedError` with a bokmål message before anything is stored; polling all feeds records the
message on the failing feed and goes on with the next (`poll_all`, the worker's periodic `poll_feeds_task`).
"""

from __future__ import annotations

import datetime
import hashlib
import html
import logging
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

import feedparser
import nh3
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from arena.monitoring import log_actions
from arena.monitoring.linking import gazetteer, link
from arena.monitoring.models import FeedEntry, FeedSource, MonitoringItem, Topic
from arena.register import changes
from arena.register.models import Arena, Country, Organisation
from arena.register.permissions import Access

logger = logging.getLogger(__name__)

FEED = "feed"  # the write path's action for what a poll stores
MAX_ENTRIES = 500  # entries read from one feed per poll (the newest first, as feeds list them)
MAX_SUMMARY = 5000  # characters of an entry's summary kept


def max_bytes() -> int:
    return getattr(settings, "ARENA_FEED_MAX_BYTES", 5 * 1024 * 1024)


def timeout() -> float:
    return getattr(settings, "ARENA_FEED_TIMEOUT", 20.0)


class FeedError(Exception):
    """The feed could not be read; the message is for a person (bokmål)."""


@dataclass
class ProposedEntry:
    """One feed entry as proposed: the keys of `monitoring-feed --json` plus the guid, summary and warnings."""

    guid: str
    title: str
    link: str
    published: str | None  # ISO date, or None when the entry has no date
    summary: str
    countries: list[str] = field(default_factory=list)  # ISO 3166-1 alpha-2
    organisations: list[str] = field(default_factory=list)  # names as in the register
    arenas: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)  # topic keys
    warnings: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        return asdict(self)


@dataclass
class Parsed:
    title: str
    entries: list[ProposedEntry]
    warnings: list[str] = field(default_factory=list)


def fetch(location: str) -> bytes:
    """The feed's bytes from an http(s) URL or a local file, at most `max_bytes()`, within `timeout()`."""
    limit = max_bytes()
    if location.startswith(("http://", "https://")):
        request = urllib.request.Request(location, headers={"User-Agent": "Arena feed reader"})
        try:
            with urllib.request.urlopen(request, timeout=timeout()) as response:  # noqa: S310 - http(s) only
                declared = response.headers.get("Content-Length")
                if declared and declared.isdigit() and int(declared) > limit:
                    raise FeedError(
                        _("Nyhetsstrømmen er for stor (over %(mb)s MB).") % {"mb": limit // 2**20}
                    )
                data = response.read(limit + 1)
        except urllib.error.HTTPError as error:
            raise FeedError(
                _("Nyhetsstrømmen kunne ikke hentes: serveren svarte %(status)s.") % {"status": error.code}
            ) from error
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise FeedError(
                _("Nyhetsstrømmen kunne ikke hentes fra %(url)s: %(reason)s.")
                % {"url": location, "reason": reason}
            ) from error
    else:
        path = Path(location)
        if not path.is_file():
            raise FeedError(_("Finner ikke filen %(path)s.") % {"path": location})
        if path.stat().st_size > limit:
            raise FeedError(_("Nyhetsstrømmen er for stor (over %(mb)s MB).") % {"mb": limit // 2**20})
        data = path.read_bytes()
    if len(data) > limit:
        raise FeedError(_("Nyhetsstrømmen er for stor (over %(mb)s MB).") % {"mb": limit // 2**20})
    return data


def plain_text(value: str) -> str:
    """HTML (as feeds put in summaries) to plain text: nh3 removes every tag (and script/style content)."""
    cleaned = nh3.clean(value or "", tags=set(), clean_content_tags={"script", "style"})
    return " ".join(html.unescape(cleaned).split())[:MAX_SUMMARY]


def _published(entry) -> datetime.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return datetime.date(value.tm_year, value.tm_mon, value.tm_mday)
            except ValueError:
                continue
    return None


def _guid(entry, title: str, summary: str) -> str:
    guid = (entry.get("id") or entry.get("link") or "").strip()
    if guid:
        return guid[:1000]
    return "sha256:" + hashlib.sha256(f"{title}\n{summary}".encode()).hexdigest()


def parse(data: bytes, *, names=None) -> Parsed:
    """Read a feed's bytes into proposed entries, each linked to the register. Raises FeedError for anything
    that is not an RSS or Atom feed."""
    head = data.lstrip()[:200].lower()
    if not head.startswith(b"<") or head.startswith((b"<!doctype html", b"<html")):
        raise FeedError(_("Dette er ikke en RSS- eller Atom-strøm (ikke XML)."))
    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    if not parsed.get("version"):
        problem = parsed.get("bozo_exception")
        raise FeedError(
            _("Dette er ikke en gyldig RSS- eller Atom-strøm%(detail)s.")
            % {"detail": f" ({problem})" if problem else ""}
        )
    result = Parsed(title=plain_text(parsed.feed.get("title", ""))[:200], entries=[])
    entries = parsed.entries
    if len(entries) > MAX_ENTRIES:
        result.warnings.append(
            _("Strømmen har %(count)s oppføringer; bare de %(max)s første er lest.")
            % {"count": len(entries), "max": MAX_ENTRIES}
        )
        entries = entries[:MAX_ENTRIES]
    names = names if names is not None else gazetteer()
    topics = list(Topic.objects.values_list("key", "name"))
    codes = dict(Country.objects.values_list("pk", "code"))
    seen: set[str] = set()
    for entry in entries:
        title = plain_text(entry.get("title", ""))[:300]
        summary = plain_text(entry.get("summary", "") or entry.get("description", ""))
        if not title and not summary:
            continue
        guid = _guid(entry, title, summary)
        if guid in seen:
            result.warnings.append(
                _("Oppføringen «%(title)s» står flere ganger; lest én gang.") % {"title": title}
            )
            continue
        seen.add(guid)
        published = _published(entry)
        proposal = ProposedEntry(
            guid=guid,
            title=title or summary[:120],
            link=(entry.get("link") or "")[:1000] if str(entry.get("link", "")).startswith("http") else "",
            published=published.isoformat() if published else None,
            summary=summary,
        )
        if published is None:
            proposal.warnings.append(_("Oppføringen har ingen dato; dagens dato foreslås."))
        links = link(f"{proposal.title}\n{summary}", names, topics)
        proposal.countries = [codes[pk] for pk in links.countries if pk in codes]
        orgs = dict(Organisation.objects.filter(pk__in=links.organisations).values_list("pk", "name"))
        arenas = dict(Arena.objects.filter(pk__in=links.arenas).values_list("pk", "name"))
        proposal.organisations = [orgs[pk] for pk in links.organisations if pk in orgs]
        proposal.arenas = [arenas[pk] for pk in links.arenas if pk in arenas]
        proposal.topics = links.topics
        result.entries.append(proposal)
    return result


def read(location: str) -> Parsed:
    """Fetch and parse (the command line's dry run)."""
    return parse(fetch(location))


@dataclass
class PollResult:
    feed: FeedSource
    new: int = 0
    known: int = 0
    error: str = ""
    warnings: list[str] = field(default_factory=list)


def _poll_state(feed: FeedSource, error: str) -> None:
    """Record when the feed was polled and what went wrong (operational state, not versioned)."""
    feed.last_error, feed.last_polled_at = error, timezone.now()
    FeedSource.objects.filter(pk=feed.pk).update(last_error=error, last_polled_at=feed.last_polled_at)


def poll(feed: FeedSource, *, by=None, names=None) -> PollResult:
    """Fetch one feed and store its new entries as proposals, all in one transaction (nothing half-stored).
    A failure is recorded on the feed (`last_error`) and returned, never raised."""
    access = Access.of(by) if by is not None else Access.system()
    result = PollResult(feed=feed)
    try:
        parsed = parse(fetch(feed.url), names=names)
    except FeedError as error:
        result.error = str(error)
    except Exception as error:  # an unexpected parser failure must not stop the other feeds
        logger.exception("polling %s failed", feed.url)
        result.error = _("Uventet feil ved lesing av strømmen: %(error)s") % {"error": type(error).__name__}
    if result.error:
        _poll_state(feed, result.error)
        return result
    result.warnings = parsed.warnings
    with transaction.atomic():
        known = set(FeedEntry.objects.filter(feed=feed).values_list("guid", flat=True))
        for proposed in parsed.entries:
            if proposed.guid in known:
                result.known += 1
                continue
            known.add(proposed.guid)
            entry = FeedEntry(
                feed=feed,
                guid=proposed.guid,
                title=proposed.title,
                link=proposed.link,
                published=datetime.date.fromisoformat(proposed.published) if proposed.published else None,
                summary=proposed.summary,
                proposal={
                    "countries": proposed.countries,
                    "organisations": proposed.organisations,
                    "arenas": proposed.arenas,
                    "topics": proposed.topics,
                    "warnings": proposed.warnings,
                },
            )
            changes.save(entry, by=access, action=FEED)
            result.new += 1
        _poll_state(feed, "")
        changes.log(log_actions.FEED_POLLED, feed, by=access, new=result.new, known=result.known)
    return result


def poll_all(*, by=None) -> list[PollResult]:
    """Poll every active feed; one failing feed does not stop the others."""
    names = gazetteer()
    return [poll(feed, by=by, names=names) for feed in FeedSource.objects.filter(active=True)]


@task()
def poll_feeds_task() -> str:
    """The worker's periodic poll of all active feeds."""
    results = poll_all()
    return ", ".join(f"{r.feed.pk}:{'error' if r.error else r.new}" for r in results)


def accept(entry: FeedEntry, *, by, access_level: str = "everyone") -> MonitoringItem:
    """Make the proposed entry an item (with the proposal's countries, topics and first organisation or arena
    as source) and mark the entry accepted — one transaction."""
    from arena.monitoring.items import save_item

    access = Access.of(by)
    access.require(access.can_review_feeds())
    with transaction.atomic():
        entry = FeedEntry.objects.select_for_update().select_related("feed").get(pk=entry.pk)
        if entry.status != FeedEntry.Status.PROPOSED:
            from django.core.exceptions import ValidationError

            raise ValidationError(_("Oppføringen er allerede behandlet."))
        proposal = entry.proposal or {}
        organisation = Organisation.objects.filter(name__in=proposal.get("organisations", [])).first()
        arena = None if organisation else Arena.objects.filter(name__in=proposal.get("arenas", [])).first()
        if organisation is None and arena is None:
            organisation = entry.feed.source_organisation
        item = save_item(
            MonitoringItem(
                date=entry.published or timezone.localdate(),
                title=entry.title,
                source_kind=entry.feed.source_kind,
                source_organisation=organisation,
                source_arena=arena,
                source_text="" if (organisation or arena) else entry.feed.name,
                link=entry.link,
                summary=entry.summary,
                access_level=access_level,
            ),
            by=access,
            countries=Country.objects.filter(code__in=proposal.get("countries", [])),
            topics=[
                *Topic.objects.filter(key__in=proposal.get("topics", [])),
                *entry.feed.topics.all(),
            ],
        )
        entry.status = FeedEntry.Status.ACCEPTED
        entry.item = item
        changes.save(entry, by=access)
        changes.log(log_actions.ENTRY_ACCEPTED, entry, by=access, item=item.pk)
    return item


def discard(entry: FeedEntry, *, by) -> FeedEntry:
    access = Access.of(by)
    access.require(access.can_review_feeds())
    entry.status = FeedEntry.Status.DISCARDED
    changes.save(entry, by=access)
    changes.log(log_actions.ENTRY_DISCARDED, entry, by=access)
    return entry
