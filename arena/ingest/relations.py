"""Relations: "unit U takes part in / leads / is contact point for X" statements, sentence by sentence.

A sentence yields links when (1) it speaks for a unit (see attribution), (2) it has a role cue — a verb or noun
saying how the unit takes part — and (3) it names a target: an arena or programme, or an organisation the unit
takes part in as a body. An organisation is not a target where it only owns or hosts the thing named ("WHOs
European Salt Action Network", "i regi av OECD", "under Nordisk ministerråd"), nor where it is a partner
("i samarbeid med FHI"); national partners and countries never are. A sentence whose subject is someone else
("Norge har …", "Helse- og omsorgsdepartementet sitter i styret …") yields nothing. A unit sentence with a
role cue but no target refers back to the previous sentence's target ("… sitter i styret til ERN (BoMS).
Direktoratet deltar som bisitter.").
"""

import re
from dataclasses import dataclass

from arena.ingest.attribution import Sentence
from arena.ingest.linking import ARENA, NATIONAL_PARTNER, ORGANISATION, PROGRAMME, UNIT, Entry, Mention

# Role vocabulary of proposals (the issue's) → the register's Engagement.Role.
ROLES = ("participant", "lead", "contact_point", "member", "partner", "observer", "other")
ROLE_CUES: list[tuple[str, re.Pattern]] = [
    ("observer", re.compile(r"\b(?:bisitter|observatør\w*|observer)\b", re.I)),
    (
        "contact_point",
        re.compile(
            r"\b(?:\w*kontaktpunkt\w*|nasjonal kontakt|myndighetskontakt|focal point|focal person|"
            r"national counterpart|national data coordinator|competent authority|kompetent myndighet|"
            r"forvalter [\w-]*porteføljer|[\w-]*porteføljer)\b",
            re.I,
        ),
    ),
    (
        "member",
        re.compile(
            r"\b(?:medlem(?:mer|men|skap\w*)?|varaplass|vara|styremedlem|i styret|representert i)\b", re.I
        ),
    ),
    ("partner", re.compile(r"\b(?:\w*partner|dpp|pdp)\b", re.I)),
    (
        "lead",
        re.compile(
            r"\b(?:leder|ledet|ledes|lederskap|leder av|koordinator|koordinerer|koordinerte|"
            r"prosjektleder|formann\w*|tatt initiativ)\b",
            re.I,
        ),
    ),
    (
        "participant",
        re.compile(
            r"\b(?:deltar|deltok|deltatt|delta|deltakelse\w*|deltagelse\w*|er med i|representerer|bidrar|"
            r"bidro|bidratt|følger|arbeider|jobber|ivaretar|stiller|involvert|delaktig|aktive|samarbeider|"
            r"har samarbeidet|har arbeidet|styrer|hjelper|innspill)\b",
            re.I,
        ),
    ),
]
REGISTER_ROLE = {
    "participant": "participant",
    "lead": "lead",
    "contact_point": "contact_point",
    "member": "member",
    "partner": "project_partner",
    "observer": "observer",
    "other": "participant",
}
# Words right before an organisation that make it a host, owner, funder or partner rather than a target.
NOT_A_TARGET = re.compile(
    r"(?:\bi regi av|\bregi av|\bunder|\bhos|\bmed|\bfra|\btil|\bav|\bmellom|\bfinansiert av|\bmandat fra|"
    r"\bsammen med|\bsamarbeid med|\bovenfor|\bmot|\bgjennom|\binnen)\b\s*(?:\w+\s+){0,2}$",
    re.I,
)
# An umbrella organisation (WHO, EU, OECD …) is a target only when the unit takes part in it directly
# ("deltar også i NDPHS") or in its bodies without naming them ("WHOs styrende organer", "WHO-møter").
TAKES_PART_IN = re.compile(
    r"\b(?:deltar|deltok|deltatt|deltakelse|er med|medlem|medlemskap|representert|involvert|aktive?)"
    r"(?:\s+\w+){0,2}\s+(?:i|på|av)\s+(?:det\s+|den\s+|de\s+)?$",
    re.I,
)
BODY = (
    r"(?:styrende organer|organer|styremøte\w*|møte\w*|ekspertgrupp\w*|arbeidsgrupp\w*|komit\w+|nettverk\w*)"
)
BODY_AFTER = re.compile(rf"^(?:-|\s+)?{BODY}\b", re.I)
BODY_BEFORE = re.compile(rf"\b{BODY}\s+(?:hos|i|til|under)\s+$", re.I)
OTHER_SUBJECT = re.compile(r"^\W*(?:Norge|Norges|Regjeringen|Landene|De nordiske landene)\b")
CONTINUATION = re.compile(r"^\W*(?:For eksempel|Blant annet|Deriblant|Herunder|Eksempelvis|Bl\.a\.|Samt)\b")


@dataclass
class Link:
    unit: Entry
    target: Mention
    role: str
    register_role: str
    sentence: Sentence


def register_role(role: str, evidence: str) -> str:
    """The register's Engagement.Role for a proposal role, refined by the evidence's wording."""
    lower = evidence.lower()
    if role == "partner" and re.search(r"donorprogrampartner|donor program(?:me)? partner|\bdpp\b", lower):
        return "donor_programme_partner"
    if role == "member" and re.search(r"\bvara(?:plass|medlem)?\b", lower):
        return "board_deputy"
    if role == "member" and "styre" in lower:
        return "board_member"
    return REGISTER_ROLE[role]


# A run of word characters and hyphens longer than any real word. The cue patterns' `[\w-]*` would try every
# word boundary inside such a run and scan the rest of it from each: quadratic in the run's length.
LONG_TOKEN = re.compile(r"[\w-]{65,}")


def cues(text: str) -> list[tuple[int, str]]:
    """(position, role) of every role cue in a sentence, in order."""
    text = LONG_TOKEN.sub(lambda m: " " * len(m.group(0)), text)  # positions kept
    found = []
    for role, pattern in ROLE_CUES:
        found.extend((m.start(), role) for m in pattern.finditer(text))
    return sorted(found)


def _role_for(found: list[tuple[int, str]], position: int) -> str:
    """The cue nearest before the target, else the first cue after it."""
    before = [role for at, role in found if at < position]
    return before[-1] if before else found[0][1]


def targets(sentence: Sentence) -> list[Mention]:
    """The mentions in a sentence a unit can take part in (see the module docstring)."""
    text = sentence.text
    base = sentence.start + (len(text) - len(text.lstrip()))
    mentions = [m for m in sentence.mentions if m.kind not in (UNIT, NATIONAL_PARTNER, "country")]
    chosen: list[Mention] = []
    chosen_ids: set[tuple] = set()
    excluded: set[tuple] = set()
    previous_excluded = None
    for index, mention in enumerate(mentions):
        if mention.kind in (ARENA, PROGRAMME):
            chosen.append(mention)
            chosen_ids.add(mention.identity)
            previous_excluded = None
            continue
        if mention.kind != ORGANISATION:
            continue
        if mention.identity in excluded or mention.identity in chosen_ids:
            continue  # an organisation's role in the sentence is decided by its first mention
        begin, end = mention.start - base, mention.end - base
        before = text[max(0, begin - 60) : max(0, begin)]
        after = text[end : end + 40]
        nxt = mentions[index + 1] if index + 1 < len(mentions) else None
        owns_next = (
            nxt is not None
            and nxt.identity != mention.identity
            and (
                mention.genitive
                or mention.how == "compound"
                or after.startswith((" sin ", " sitt ", " sine "))
            )
            and nxt.start - mention.end <= 45
            and not re.search(r"[.;:]", text[end : nxt.start - base])
        )
        coordinated = previous_excluded is not None and re.fullmatch(
            r"\s*(?:,\s*)?(?:og|eller|samt|\()?\s*", text[previous_excluded.end - base : begin]
        )
        hosted = bool(NOT_A_TARGET.search(before)) and not BODY_BEFORE.search(before)
        direct = bool(TAKES_PART_IN.search(before)) and mention.how != "compound"
        body = bool(
            BODY_AFTER.match(after)
            and mention.genitive
            or mention.how == "compound"
            and BODY_AFTER.match(after)
        )
        body = body or bool(BODY_BEFORE.search(before))
        if (
            owns_next
            or coordinated
            or hosted
            or (mention.entry is not None and mention.entry.umbrella and not (direct or body))
        ):
            excluded.add(mention.identity)
            previous_excluded = mention
            continue
        previous_excluded = None
        chosen.append(mention)
        chosen_ids.add(mention.identity)
    return chosen


def _other_subject(sentence: Sentence, found_cues) -> bool:
    """Someone else acts: Norway, the government, or an organisation named before the first cue."""
    if OTHER_SUBJECT.search(sentence.text):
        return True
    if not found_cues:
        return False
    first_cue = sentence.start + (len(sentence.text) - len(sentence.text.lstrip())) + found_cues[0][0]
    before = [m for m in sentence.mentions if m.start < first_cue]
    return bool(before) and before[0].kind != UNIT


def find_links(sentences: list[Sentence], section_unit: Entry | None = None) -> list[Link]:
    """Links stated in a block's sentences (in order). In a unit's own section a sentence with a role cue and
    no other subject speaks for that unit."""
    links: list[Link] = []
    last_targets: list[Mention] = []
    previous: tuple[list[Entry], list] | None = None
    for sentence in sentences:
        found = targets(sentence)
        found_cues = cues(sentence.text)
        units = sentence.units
        if not units and found and previous and CONTINUATION.search(sentence.text):
            units, found_cues = previous  # "… deltar på flere arenaer. Deriblant X og Y."
        elif (
            not units and section_unit is not None and found_cues and not _other_subject(sentence, found_cues)
        ):
            units = [section_unit]
        if units and found_cues and not OTHER_SUBJECT.search(sentence.text):
            referring = not found and not any(m.kind != UNIT for m in sentence.mentions)
            chosen = found or (last_targets if referring and not sentence.text.rstrip().endswith(":") else [])
            base = sentence.start + (len(sentence.text) - len(sentence.text.lstrip()))
            for target in chosen:
                position = max(0, target.start - base) if target in found else len(sentence.text)
                role = _role_for(found_cues, position)
                for unit in units:
                    links.append(Link(unit, target, role, register_role(role, sentence.text), sentence))
            previous = (units, found_cues)
        else:
            previous = None
        if found:
            last_targets = found
    return links
