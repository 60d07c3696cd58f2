"""Reading an invitation: the facts Arena takes from a message — the sender's organisation (address domain and
signature, through the register's names), the arena (subject and body linked through the alias table with the
import's linker, arena.ingest.linking), the kind, the event's dates and place and the registration deadline (from
the text in Norwegian or English, and from an attached .ics). Plain functions; nothing is stored here.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from arena.ingest.linking import Gazetteer, link_text
from arena.invitations.messages import Message
from arena.register.models import Arena, Organisation

MONTHS = {
    # English
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    # bokmål / nynorsk
    "januar": 1, "februar": 2, "mars": 3, "mai": 5, "juni": 6, "juli": 7, "oktober": 10, "okt": 10,
    "desember": 12, "des": 12,
}  # fmt: skip
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DASH = r"\s*(?:-|–|—|to|til|and|og)\s*"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|\.)?"
_YEAR = r"(?P<year>20\d\d)"

# Each pattern gives (start, end|None); names: day, day2, month, month2, year
DATE_PATTERNS = [
    # 2026-03-12 (– 2026-03-13)
    re.compile(
        r"\b(?P<year>20\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"
        r"(?:" + _DASH + r"(?P<year2>20\d\d)-(?P<mnum2>[01]\d)-(?P<day2>[0-3]\d)\b)?"
    ),
    # 12–13 March 2026, 12. – 14. mars 2026, 30 September – 2 October 2026
    re.compile(
        r"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th|\.)?(?:\s+(?P<month1>"
        + "|".join(sorted(MONTHS, key=len, reverse=True))
        + r")\.?)?"
        + _DASH
        + r"(?P<day2>[0-3]?\d)(?:st|nd|rd|th|\.)?\s+"
        + _MONTH
        + r",?\s+"
        + _YEAR
        + r"\b",
        re.IGNORECASE,
    ),
    # 12 March 2026, 12. mars 2026
    re.compile(r"\b" + _DAY + r"\s+" + _MONTH + r",?\s+" + _YEAR + r"\b", re.IGNORECASE),
    # March 12–13, 2026
    re.compile(
        r"\b"
        + _MONTH
        + r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:"
        + _DASH
        + r"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?)?,?\s+"
        + _YEAR
        + r"\b",
        re.IGNORECASE,
    ),
    # 12.03.2026, 12/03/2026 (day first, as in Norway and Europe)
    re.compile(r"\b(?P<day>[0-3]?\d)[./](?P<mnum>[01]?\d)[./](?P<year>20\d\d)\b"),
]

DEADLINE_WORDS = re.compile(
    r"(?i)deadline|register\s+by|registration\s+(?:closes|deadline|is\s+open\s+until)|no\s+later\s+than|"
    r"by\s+(?:the\s+)?(?:latest|close\s+of)|respond\s+by|reply\s+by|confirm\s+(?:your\s+)?(?:participation|attendance)\s+by|"
    r"nominations?\s+(?:should|must)\s+be\s+(?:sent|submitted)|before|innen|frist|påmelding(?:sfrist)?|svarfrist|senest"
)
JUST_BEFORE = re.compile(r"(?i)\b(?:by|innen|before|før|not\s+later\s+than)\s*(?:the\s+)?$")
LOCATION_LABEL = re.compile(
    r"(?im)^\s*(?:venue|location|place|where|sted|møtested|lokale)\s*:\s*(?P<place>[^\n]{2,200})$"
)
LOCATION_PHRASE = re.compile(
    r"(?:will\s+(?:take\s+place|be\s+held)|is\s+held|to\s+be\s+held|hosted|holdes|arrangeres|finner\s+sted)"
    r"\s+(?:[^.\n]{0,60}?\s)?(?:in|at|i|på)\s+(?P<place>[A-ZÆØÅ][\w\-]+(?:,?\s+[A-ZÆØÅ][\w\-]+){0,3})"
)
ONLINE = re.compile(
    r"(?i)\b(online|virtual(?:ly)?|webinar|digitalt|digital(?:t)? møte|via (?:zoom|teams|webex))\b"
)

KIND_WORDS = [
    ("nomination", re.compile(r"(?i)\bnominat|\bnominer|\bnominasjon|\boppnevn|call\s+for\s+experts|designate\s+(?:an?\s+)?(?:expert|representative|focal)")),
    ("consultation", re.compile(r"(?i)\bconsultation|\bhøring|\bsurvey\b|\bquestionnaire|\binnspill|\bcomments?\s+on\s+the\s+draft|written\s+comments")),
    ("course", re.compile(r"(?i)\bcourse\b|\btraining\b|\bkurs\b|\bopplæring|summer\s+school|\bmasterclass")),
    # a venue ("Conference Centre", "konferansesenter") does not make a meeting a conference
    ("seminar", re.compile(r"(?i)\bseminar|\bwebinar|\bworkshop|\bconference(?!\s+(?:centre|center|hall|room|venue))|\bkonferanse(?!senter|sal|rom)|\bsymposium|\bforum\b")),
    ("meeting", re.compile(r"(?i)\bmeeting|\bmeets\b|møte|\bsession|\bplenary")),
]  # fmt: skip

# Mail domains whose label is not a name the register knows (the rest are looked up by label: "oecd.org" → OECD).
DOMAIN_KEYS = {
    "euro.who.int": "who-euro",
    "who.int": "who",
    "ec.europa.eu": "ec",
    "europa.eu": "eu",
    "norden.org": "ncm",
    "oecd.org": "oecd",
}
SIGNATURE = re.compile(
    r"(?im)^(?:--\s*$|best\s+regards|kind\s+regards|regards|yours\s+sincerely|sincerely|med\s+vennlig\s+hilsen|vennlig\s+hilsen|mvh)"
)


@dataclass
class Reading:
    """What Arena read from one message, with its reasons (bokmål, shown to the coordinator)."""

    organisation: Organisation | None = None
    arena: Arena | None = None
    arena_score: float = 0.0  # 0–1: how sure the arena is the one the invitation concerns
    kind: str = "other"
    starts: datetime.date | None = None
    ends: datetime.date | None = None
    location: str = ""
    deadline: datetime.date | None = None
    reasons: list[str] = field(default_factory=list)
    other_arenas: list[Arena] = field(default_factory=list)


def _date_of(match: re.Match) -> tuple[datetime.date | None, datetime.date | None]:
    g = match.groupdict()
    try:
        year = int(g["year"])
        month = int(g["mnum"]) if g.get("mnum") else MONTHS[g["month"].lower().rstrip(".")]
        start = datetime.date(year, month, int(g["day"]))
        end = None
        if g.get("day2"):
            month2 = int(g["mnum2"]) if g.get("mnum2") else month
            year2 = int(g["year2"]) if g.get("year2") else year
            first_month = MONTHS[g["month1"].lower()] if g.get("month1") else month
            start = datetime.date(year, first_month, int(g["day"]))
            end = datetime.date(year2, month2, int(g["day2"]))
            if end < start:
                end = None
        return start, end
    except (KeyError, ValueError, TypeError, AttributeError):
        return None, None


def find_dates(text: str) -> list[tuple[int, datetime.date, datetime.date | None]]:
    """(position, start, end or None) of every date or date range in the text, in order, overlaps removed."""
    found, taken = [], []
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            start, end = _date_of(match)
            if start is not None:
                found.append((match.start(), start, end))
                taken.append((match.start(), match.end()))
    return sorted(found, key=lambda t: t[0])


def _sentence_around(text: str, position: int) -> str:
    start = max(text.rfind(".", 0, position), text.rfind("\n", 0, position)) + 1
    return text[start:position]


def read_dates(text: str) -> tuple[datetime.date | None, datetime.date | None, datetime.date | None]:
    """(starts, ends, deadline): a date after a deadline word (in its sentence or line) is the deadline; the
    first other date (range) is the event."""
    starts = ends = deadline = None
    for position, start, end in find_dates(text[:20000]):
        before = _sentence_around(text, position)
        if deadline is None and (DEADLINE_WORDS.search(before[-120:]) or JUST_BEFORE.search(before)):
            deadline = start
            continue
        if starts is None:
            starts, ends = start, end
    if starts and deadline and deadline > starts and not ends:
        # "before 12 March" was the event, not a deadline, when nothing else is a date
        pass
    return starts, ends or starts, deadline


def read_location(text: str) -> str:
    match = LOCATION_LABEL.search(text[:20000])
    if match:
        return " ".join(match.group("place").split()).strip(" .;")[:300]
    match = LOCATION_PHRASE.search(text[:20000])
    if match:
        return " ".join(match.group("place").split()).strip(" .,;")[:300]
    if ONLINE.search(text[:20000]):
        return _("Digitalt")
    return ""


def read_kind(subject: str, text: str) -> str:
    for kind, pattern in KIND_WORDS:
        if pattern.search(subject):
            return kind
    for kind, pattern in KIND_WORDS:
        if pattern.search(text[:5000]):
            return kind
    return "other"


def _signature(text: str) -> str:
    matches = list(SIGNATURE.finditer(text))
    return text[matches[-1].start() :][:1500] if matches else text[-600:]


def read_organisation(message: Message, gazetteer: Gazetteer) -> tuple[Organisation | None, str]:
    """The sender's organisation and how it was found."""
    from arena.register.models import Alias
    from arena.register.normalize import normalize_name

    domain = message.domain
    labels = domain.split(".")
    for n in range(len(labels) - 1):
        suffix = ".".join(labels[n:])
        if suffix in DOMAIN_KEYS:
            organisation = Organisation.objects.filter(key=DOMAIN_KEYS[suffix]).first()
            if organisation:
                return organisation, _("Avsenderens domene %(domain)s hører til %(name)s.") % {
                    "domain": domain,
                    "name": organisation.name,
                }
    for label in labels[:-1]:
        if len(label) < 3:
            continue
        alias = Alias.objects.filter(normalized=normalize_name(label), organisation__isnull=False).first()
        if alias:
            return alias.organisation, _("Avsenderens domene %(domain)s er navnet på %(name)s.") % {
                "domain": domain,
                "name": alias.organisation.name,
            }
    for mention in link_text(_signature(message.text), gazetteer, propose_new=False):
        if mention.entry is not None and mention.entry.model == "organisation":
            organisation = Organisation.objects.filter(pk=mention.entry.pk).first()
            if organisation:
                return organisation, _("Signaturen nevner %(name)s.") % {"name": organisation.name}
    return None, _("Avsenderens organisasjon er ikke kjent i registeret.")


def read_arena(message: Message, gazetteer: Gazetteer) -> tuple[Arena | None, float, list[str], list[Arena]]:
    """The arena the invitation concerns: named in the subject (strongest) or the body; ties lower the score."""
    scores: dict[int, float] = defaultdict(float)
    where: dict[int, str] = {}
    for text, weight, place in ((message.subject, 3.0, "subject"), (message.text[:20000], 1.0, "body")):
        for mention in link_text(text, gazetteer, propose_new=False):
            entry = mention.entry
            if entry is None or entry.model != "arena":
                continue
            factor = 0.6 if mention.how == "fuzzy" else 1.0
            # a longer name is more specific than an abbreviation shared by several bodies
            factor *= 1.0 if len(mention.surface) > 5 else 0.8
            scores[entry.pk] += weight * factor
            where.setdefault(entry.pk, place)
    if not scores:
        return None, 0.0, [_("Ingen kjent arena eller program er nevnt i emnet eller teksten.")], []
    arenas = Arena.objects.in_bulk(list(scores))
    # a programme's sub-arena named together with it: the more specific one wins
    for pk, arena in arenas.items():
        if arena.parent_id in scores:
            scores[pk] += scores[arena.parent_id] * 0.5
    ranked = sorted(scores.items(), key=lambda pair: -pair[1])
    best_pk, best = ranked[0]
    arena = arenas[best_pk]
    reasons = []
    if where[best_pk] == "subject":
        reasons.append(_("Emnet nevner %(name)s.") % {"name": arena.name})
        score = 0.95
    else:
        reasons.append(_("Teksten nevner %(name)s.") % {"name": arena.name})
        score = 0.8
    others = [arenas[pk] for pk, s in ranked[1:] if s >= best * 0.75 and arenas[pk].pk != arena.parent_id]
    if others:
        score = min(score, 0.5)
        reasons.append(
            _("Flere arenaer er nevnt like tydelig: %(names)s.")
            % {"names": ", ".join(a.name for a in others[:3])}
        )
    return arena, score, reasons, others


def read_message(message: Message, gazetteer: Gazetteer | None = None) -> Reading:
    """Every fact Arena reads from a message."""
    gazetteer = gazetteer or Gazetteer.from_register()
    reading = Reading()
    reading.organisation, why = read_organisation(message, gazetteer)
    reading.reasons.append(why)
    reading.arena, reading.arena_score, why_arena, reading.other_arenas = read_arena(message, gazetteer)
    reading.reasons += why_arena
    reading.kind = read_kind(message.subject, message.text)
    text = f"{message.subject}\n{message.text}"
    reading.starts, reading.ends, reading.deadline = read_dates(text)
    reading.location = read_location(message.text)
    for event in message.events[:1]:
        reading.starts, reading.ends = (
            event.starts or reading.starts,
            event.ends or event.starts or reading.ends,
        )
        reading.location = event.location or reading.location
        reading.reasons.append(_("Dato og sted er hentet fra den vedlagte kalenderfilen."))
    if reading.deadline and reading.starts and reading.deadline > reading.starts:
        reading.deadline = None  # a "deadline" after the event is not one to register by
    return reading
