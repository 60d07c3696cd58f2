"""Linking pasted text and feed entries to the register: organisations, arenas and countries through the
import's linker (arena.ingest.linking: the alias table, Norwegian inflection, typos; countries by their bokmål
and English names), and topics by their names and a few key words of each standard topic."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from arena.ingest.linking import Gazetteer, link_text
from arena.register.normalize import normalize_name

# Words that point at a standard topic (by key) besides the topic's own name, bokmål and English.
TOPIC_WORDS = {
    "covid-19": ("covid", "korona", "corona", "sars-cov-2", "pandemi", "pandemic"),
    "amr": ("antimikrobiell", "antibiotikaresistens", "antimicrobial", "amr"),
    "legemiddelmangel": ("legemiddelmangel", "mangel på legemidler", "medicine shortage", "drug shortage"),
    "beredskap": ("beredskap", "preparedness"),
    "vaksinasjon": ("vaksin", "vaccin"),
    "utbrudd": ("utbrudd", "outbreak"),
}


@dataclass
class Links:
    """What a text names: register ids of countries, organisations and arenas, and topic keys (in order of
    first mention, no repeats)."""

    countries: list[int] = field(default_factory=list)
    organisations: list[int] = field(default_factory=list)
    arenas: list[int] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)


def gazetteer() -> Gazetteer:
    """The register's names, read once per call site (a poll or a paste reads them once for all its text)."""
    return Gazetteer.from_register()


def find_topics(text: str, topics: list[tuple[str, str]]) -> list[str]:
    """Keys of the topics (key, name) the text speaks of."""
    norm = normalize_name(text)
    found = []
    for key, name in topics:
        words = (normalize_name(name), *TOPIC_WORDS.get(key, ()))
        if any(re.search(r"(?<!\w)" + re.escape(w), norm) for w in words if w):
            found.append(key)
    return found


def link(text: str, names: Gazetteer, topics: list[tuple[str, str]] | None = None) -> Links:
    """Link `text` to the register (no new names proposed: a busy team only wants what the register knows)."""
    links = Links()
    buckets = {"country": links.countries, "organisation": links.organisations, "arena": links.arenas}
    for mention in link_text(text, names, propose_new=False):
        if mention.entry is None:
            continue
        bucket = buckets.get(mention.entry.model)
        if bucket is not None and mention.entry.pk not in bucket:
            bucket.append(mention.entry.pk)
    if topics is None:
        from arena.monitoring.models import Topic

        topics = list(Topic.objects.values_list("key", "name"))
    links.topics = find_topics(text, topics)
    return links
