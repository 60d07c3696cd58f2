"""Finding names the register does not know yet, by the way the genre writes them.

The linker (`linking.find_new_names`) already proposes capitalised names that look like bodies. This module
adds the patterns of Norwegian and English texts on international health cooperation:

- acronym definitions, both ways: "Joint Working Group on Health (JWGH)", "JWGH (Joint Working Group on
  Health)" and "(Joint Working Group on Health – JWGH)", scored by how well the acronym fits the long form;
- designators: "Joint Action X", "Working Party on X", "Expert Group on X", "Task Force on X", …;
- Norwegian compounds that name a body: "Standardiseringsnettverket", "e-helsegruppen", also with an owner
  in front ("Nordisk ministerråds e-helsegruppe"), and "arbeidsgruppe/ekspertgruppe for …";
- capitalised multi-word names, counting words with capitals inside ("eHealth", "hRHR") as capitalised, and
  English names inside Norwegian text ("Human Health Expert Group").

Each name gets a suggested kind (from its head word), a parent (an owner named in or next to it) and a score
in [0, 1] so the reviewer sees the likely ones first. The rules use only the genre's general vocabulary.
"""

import re
from dataclasses import dataclass

from arena.ingest.linking import (
    ACRONYM_STOPLIST,
    ARENA,
    NATIONAL_PARTNER,
    ORGANISATION,
    PROGRAMME,
    Mention,
    NewName,
    _specific,
    guess_parent,
    suggest_kind,
    tokens_of,
)
from arena.register.normalize import normalize_name

MAX_WORDS = 12

# Norwegian compound endings that make a word the name of a body, with the kind they suggest.
COMPOUND_HEADS = (
    ("nettverket", ARENA, "network"),
    ("nettverk", ARENA, "network"),
    ("komiteen", ARENA, "committee"),
    ("komité", ARENA, "committee"),
    ("komite", ARENA, "committee"),
    ("gruppen", ARENA, "working_group"),
    ("gruppe", ARENA, "working_group"),
    ("utvalget", ARENA, "committee"),
    ("forumet", ARENA, "network"),
    ("programmet", PROGRAMME, "programme"),
    ("partnerskapet", PROGRAMME, "programme"),
    ("prosjektet", PROGRAMME, "project"),
    ("initiativet", PROGRAMME, "programme"),
    ("rådet", ORGANISATION, "international"),
    ("sekretariatet", ORGANISATION, "international"),
)
# Words that end like a body but are ordinary nouns on their own.
COMPOUND_STOPWORDS = {
    "gruppe", "gruppen", "nettverk", "nettverket", "komité", "komiteen", "komite", "rådet", "programmet",
    "prosjektet", "utvalget", "forumet", "partnerskapet", "initiativet", "sekretariatet", "målgruppe",
    "målgruppen", "aldersgruppe", "aldersgruppen", "risikogruppe", "risikogruppen", "befolkningsgruppe",
    "befolkningsgruppen", "pasientgruppe", "pasientgruppen", "arbeidsgruppe", "arbeidsgruppen", "ekspertgruppe",
    "ekspertgruppen", "styringsgruppe", "styringsgruppen", "referansegruppe", "referansegruppen",
    "prosjektgruppe", "prosjektgruppen", "yrkesgruppe", "yrkesgruppen", "undergruppe", "undergruppen",
    "programrådet", "byrådet", "kommunestyret", "forskningsprogrammet", "kontaktnettverket",
}  # fmt: skip
DESCRIPTIVE_GROUP = re.compile(
    r"\b((?:[Aa]rbeids|[Ee]kspert|[Rr]eferanse|[Ss]tyrings|[Kk]oordinerings)gruppen?)\s+(for|om)\s+"
)
# Endings that look like a body's head but are other words ("EØS-området" is an area, not a council).
NOT_HEADS = ("området", "områdene")
ENGLISH_DESIGNATORS = re.compile(
    r"\b(Joint Action|Working Party|Working Group|Expert Group|Expert Panel|Task Force|Steering Group|"
    r"Advisory Group|Coordination Group|Network|Partnership|Committee|Forum|Platform|Programme|Initiative)"
    r"\s+(on|for|of|to)\s+"
)
_DESIGNATOR_KIND = {
    "Joint Action": (PROGRAMME, "joint_action"),
    "Working Party": (ARENA, "working_group"),
    "Working Group": (ARENA, "working_group"),
    "Expert Group": (ARENA, "expert_group"),
    "Expert Panel": (ARENA, "expert_group"),
    "Task Force": (ARENA, "working_group"),
    "Steering Group": (ARENA, "committee"),
    "Advisory Group": (ARENA, "expert_group"),
    "Coordination Group": (ARENA, "committee"),
    "Network": (ARENA, "network"),
    "Partnership": (PROGRAMME, "programme"),
    "Committee": (ARENA, "committee"),
    "Forum": (ARENA, "network"),
    "Platform": (ARENA, "network"),
    "Programme": (PROGRAMME, "programme"),
    "Initiative": (PROGRAMME, "programme"),
}
# Head words the linker's keyword list does not have, for names found here.
EXTRA_KINDS = (
    (("ministry", "ministerium", "ministère"), ORGANISATION, "foreign_authority"),
    (
        ("database", "registry", "registries", "register", "observatory", "survey", "database"),
        ARENA,
        "reporting",
    ),
    (("initiative", "initiativet", "initiativ"), PROGRAMME, "programme"),
    (("platform", "plattform", "task force", "panel"), ARENA, "network"),
)
_STOP_AFTER = {
    "som", "der", "hvor", "og", "i", "på", "under", "med", "til", "fra", "ved", "er", "var", "har", "skal",
    "which", "that", "is", "are", "was", "in", "with", "from", "by", "and", "or", "who",
}  # fmt: skip
_CONNECTORS = {"of", "on", "for", "and", "the", "&", "in", "to", "against", "at"}
_DASH_ACRONYM = re.compile(r"\(([^()]{6,140}?)\s+[–-]\s*([A-ZÆØÅ][A-Za-zÆØÅ0-9&-]{1,11})\)")
_ACRONYM_FIRST = re.compile(r"\b([A-ZÆØÅ][A-Za-zÆØÅ0-9&-]{1,11})\s+\(([A-ZÆØÅ][^()]{6,140}?)\)")
_LONG_FIRST = re.compile(
    r"([A-ZÆØÅa-zæøå][^()]{6,140}?)\s+\(([A-Za-zÆØÅ][A-Za-zÆØÅ0-9&-]{1,11})(?:[;,)][^()]*)?\)"
)


@dataclass
class Candidate:
    start: int  # within the block
    end: int
    name: str
    abbreviation: str
    kind: str
    register_kind: str
    score: float
    pattern: str


def _common(word: str) -> bool:
    from arena.ingest.linking import _common_word

    return _common_word(word) or word.casefold() in {
        "the",
        "a",
        "an",
        "our",
        "this",
        "in",
        "under",
        "at",
        "for",
    }


def capitalised(word: str) -> bool:
    """A word written as part of a name: initial capital, or capitals inside ("eHealth", "hRHR")."""
    return word[:1].isupper() or word[:1].isdigit() or any(ch.isupper() for ch in word[1:])


def acronym_fit(acronym: str, long_form: str) -> float:
    """How well an acronym's letters follow the long form's word initials and capitals (0–1)."""
    letters = [ch for ch in acronym.casefold() if ch.isalnum()]
    words = [w for w in re.findall(r"[\w]+", long_form) if w.casefold() not in _CONNECTORS]
    if not letters or not words:
        return 0.0
    initials = "".join(w[0].casefold() for w in words)
    capitals = "".join(ch.casefold() for ch in long_form if ch.isupper())
    best = 0.0
    for source in (initials, capitals):
        i = matched = 0
        for ch in letters:
            j = source.find(ch, i)
            if j >= 0:
                matched += 1
                i = j + 1
        best = max(best, matched / len(letters))
    return best


def kind_of(name: str) -> tuple[str, str] | None:
    """(entity kind, register kind) by the name's head words: the linker's keywords, then a few more."""
    lower = normalize_name(name)
    for words, kind, register_kind in EXTRA_KINDS:
        if any(re.search(rf"\b{re.escape(w)}\b", lower) for w in words):
            if kind == ORGANISATION and re.search(r"\b(norwegian|norsk|norges)\b", lower):
                return NATIONAL_PARTNER, "national_agency"
            return kind, register_kind
    return suggest_kind(name)


def _trim_long_form(long_form: str, acronym: str) -> str:
    """The part of the words before "(ACR)" that the acronym abbreviates: from the first word whose initial
    is the acronym's first letter, among the last few words."""
    words = long_form.split()
    window = max(0, len(words) - max(len(acronym), 2) - 4)
    first = acronym[:1].casefold()
    for k in range(window, len(words)):
        if words[k][:1].casefold() == first and words[k][:1].isupper():
            return " ".join(words[k:])
    return " ".join(words[window:])


def acronym_definitions(text: str) -> list[Candidate]:
    """'Long Name (ACR)', 'ACR (Long Name)' and '(Long Name – ACR)'."""
    found = []
    for match in _DASH_ACRONYM.finditer(text):
        long_form, acronym = match.group(1).strip(), match.group(2)
        found.append((match.start(1), match.start(1) + len(long_form), long_form, acronym))
    for match in _ACRONYM_FIRST.finditer(text):
        acronym, long_form = match.group(1), match.group(2).split(";")[0].strip()
        if sum(ch.isupper() for ch in acronym) >= 2:
            found.append((match.start(2), match.start(2) + len(long_form), long_form, acronym))
    for match in _LONG_FIRST.finditer(text):
        acronym = match.group(2)
        if sum(ch.isupper() for ch in acronym) < 2:
            continue
        long_form = _trim_long_form(match.group(1).strip(), acronym)
        start = match.end(1) - len(long_form)
        found.append((start, match.end(1), long_form, acronym))
    out = []
    for start, end, long_form, acronym in found:
        if acronym.upper() in ACRONYM_STOPLIST:
            continue
        fit = acronym_fit(acronym, long_form)
        suggestion = kind_of(long_form) or kind_of(acronym)
        if fit < 0.6 or suggestion is None:
            continue
        out.append(Candidate(start, end, long_form, acronym, *suggestion, 0.6 + 0.35 * fit, "acronym"))
    return out


def _phrase_end(words: list[tuple[str, int, int]], i: int, text: str, limit: int = 8) -> int:
    """Index of the last word of a noun phrase starting at word i (stops at punctuation and clause words)."""
    last = i
    for j in range(i, min(len(words), i + limit)):
        word, start, _end = words[j]
        if j > i:
            gap = text[words[j - 1][2] : start]
            if gap.strip(" -") or word.casefold() in _STOP_AFTER:
                break
        last = j
    return last


def designated_bodies(text: str) -> list[Candidate]:
    """'Joint Action on X', 'Working Party on X', 'arbeidsgruppe for X', 'ekspertgruppen om X' …"""
    out = []
    words = tokens_of(text)
    starts = {s: k for k, (_w, s, _e) in enumerate(words)}
    sentence_starts = {0} | {m.end() for m in re.finditer(r"[.!?:]\s+|\n", text)}
    for match in ENGLISH_DESIGNATORS.finditer(text):
        k = starts.get(match.end())
        if k is None:
            continue
        last = _phrase_end(words, k, text)
        begin = match.start()
        # capitalised words right in front belong to the name ("Joint Working Group on …")
        k0 = starts.get(begin)
        while k0 is not None and k0 > 0 and begin - words[k0 - 1][2] == 1 and capitalised(words[k0 - 1][0]):
            if words[k0 - 1][1] in sentence_starts and _common(words[k0 - 1][0]):
                break  # "Our Working Group on …": a sentence's first word is not part of the name
            k0 -= 1
            begin = words[k0][1]
            if match.start() - begin > 60:
                break
        name = text[begin : words[last][2]]
        kind, register_kind = _DESIGNATOR_KIND[match.group(1)]
        if not capitalised(words[k][0]):
            continue  # "Joint Action for utvikling av …": a description, not a name
        score = 0.8
        out.append(Candidate(begin, words[last][2], name, "", kind, register_kind, score, "designator"))
    for match in DESCRIPTIVE_GROUP.finditer(text):
        k = starts.get(match.end())
        if k is None:
            continue
        last = _phrase_end(words, k, text, limit=5)
        name = text[match.start() : words[last][2]]
        head = match.group(1).casefold()
        register_kind = (
            "expert_group"
            if head.startswith("ekspert")
            else "network"
            if "nettverk" in head
            else ("committee" if head.startswith(("komit", "styrings", "koordinerings")) else "working_group")
        )
        out.append(
            Candidate(match.start(), words[last][2], name, "", ARENA, register_kind, 0.45, "descriptive")
        )
    return out


def compound_bodies(text: str, known: list[Mention], offset: int) -> list[Candidate]:
    """Single-word Norwegian names of bodies ("Standardiseringsnettverket", "E-helsegruppen"), with an owner
    in the genitive right before them when there is one ("Nordisk ministerråds e-helsegruppe")."""
    out = []
    sentence_starts = {0} | {m.end() for m in re.finditer(r"[.!?:]\s+|\n", text)}
    for word, start, end in tokens_of(text):
        lower = word.casefold()
        if lower in COMPOUND_STOPWORDS or len(word) < 9:
            continue
        head = next((h for h in COMPOUND_HEADS if lower.endswith(h[0]) and len(lower) > len(h[0]) + 2), None)
        if head is None or lower.endswith(NOT_HEADS):
            continue
        stem, _, rest = word.partition("-")
        if (
            rest
            and re.fullmatch(r"[A-ZÆØÅ0-9]*[A-ZÆØÅ]{2,}[A-ZÆØÅ0-9]*s?", stem)
            and (rest.casefold() in COMPOUND_STOPWORDS or re.fullmatch(r"[a-zæøå]+", rest))
        ):
            continue  # "WHO-nettverk", "WHO-ekspertgruppe", "NNR2022-prosjektet": a body of a known name
        owner = next(
            (
                m
                for m in known
                if m.genitive and m.entry is not None and 0 <= start + offset - m.end <= 1 and m.end > m.start
            ),
            None,
        )
        if owner is not None:
            begin = owner.start - offset
            out.append(Candidate(begin, end, text[begin:end], "", head[1], head[2], 0.75, "owned-compound"))
        elif word[:1].isupper() and (start not in sentence_starts or "-" in word or lower.endswith("et")):
            score = 0.55 if start in sentence_starts else 0.65
            out.append(Candidate(start, end, word, "", head[1], head[2], score, "compound"))
    return out


def capitalised_runs(text: str) -> list[Candidate]:
    """Runs of capitalised words (connectors allowed inside) that end in a body's head word, counting
    words with inner capitals; English names inside Norwegian text are found the same way."""
    out = []
    words = tokens_of(text)
    sentence_starts = {0} | {m.end() for m in re.finditer(r"[.!?:]\s+|\n", text)}
    i = 0
    while i < len(words):
        if not capitalised(words[i][0]):
            i += 1
            continue
        j, last = i + 1, i
        while j < len(words) and j - i < MAX_WORDS:
            gap = text[words[j - 1][2] : words[j][1]]
            if gap.strip() not in ("", "&"):
                break
            if capitalised(words[j][0]):
                last = j
            elif words[j][0].casefold() not in _CONNECTORS:
                break
            j += 1
        first = i
        if words[i][1] in sentence_starts and _common(words[i][0]):
            first = i + 1  # "The Norwegian …", "Et EU-byrå": the sentence's first word is not the name's
        if last > first:
            name = text[words[first][1] : words[last][2]]
            suggestion = kind_of(name)
            if suggestion is not None:
                score = 0.6 + (
                    0.1 if any(ch.isupper() for w, _s, _e in words[i : last + 1] for ch in w[1:]) else 0
                )
                out.append(
                    Candidate(words[i][1], words[last][2], name, "", *suggestion, score, "capitalised")
                )
            i = last + 1
        else:
            i += 1
    return out


def _owner_prefix_only(text: str, candidate: "Candidate", known: list[Mention], offset: int) -> bool:
    """A candidate may contain a known name only as its owner in front ("WHO European Health for All
    Database", "Nordisk ministerråds e-helsegruppe"), not two names joined ("X and the Y") or a known name
    at its end."""
    known = [m for m in known if _firm(m)]  # the linker's own new names give way (with_discoveries)
    inside = [m for m in known if candidate.start <= m.start - offset and m.end - offset <= candidate.end]
    if any(
        _overlaps(candidate.start, candidate.end, [(m.start - offset, m.end - offset)])
        for m in known
        if m not in inside
    ):
        return False
    if not inside:
        return True
    if len(inside) > 1 or inside[0].start - offset != candidate.start or inside[0].entry is None:
        return False
    owner = inside[0]
    if owner.entry.model not in ("organisation", "arena", "publisher") or owner.end - offset >= candidate.end:
        return False
    rest = text[owner.end - offset : candidate.end]
    after = rest.split()
    return bool(after) and after[0].casefold() not in ("and", "og", "&", "or", "eller") and _specific(rest)


def _firm(mention: Mention) -> bool:
    """A known name found by its exact (or inflected) form, not a guess: a new name or a near spelling inside
    a longer name found here gives way to that name."""
    return mention.entry is not None and mention.how != "fuzzy"


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def discover(text: str, known: list[Mention], offset: int = 0) -> list[Mention]:
    """New-name mentions in a block the linker did not already cover, best candidate per stretch of text.
    `known` are the block's mentions so far (spans shifted by `offset`)."""
    return _discover(text, known, offset)[0]


def _discover(text: str, known: list[Mention], offset: int) -> tuple[list[Mention], list[tuple[int, int]]]:
    """(new-name mentions, spans of names found to be long forms of known acronyms)."""
    suppressed: list[tuple[int, int]] = []
    known_spans = [(m.start - offset, m.end - offset) for m in known if _firm(m)]
    candidates = [
        *acronym_definitions(text),
        *designated_bodies(text),
        *compound_bodies(text, known, offset),
        *capitalised_runs(text),
    ]
    candidates.sort(key=lambda c: (-c.score, -(c.end - c.start)))
    chosen: list[Candidate] = []
    for candidate in candidates:
        name = candidate.name.strip(" -–,.;:")
        if len(name) < 4 or not re.search(r"[A-Za-zÆØÅæøå]{3}", name):
            continue
        if not _specific(name):
            continue  # only generic words ("Joint Actions") or a role ("Donor Programme Partner")
        # a candidate that is exactly a known name, or lies inside one, adds nothing
        if any(s <= candidate.start and candidate.end <= e for s, e in known_spans):
            continue
        if not _owner_prefix_only(text, candidate, known, offset):
            continue
        if re.match(r"\s*\(\s*[A-ZÆØÅ][\w-]*\s*\)", text[candidate.end :]) and any(
            m.entry is not None and candidate.end < m.start - offset <= candidate.end + 4 for m in known
        ):
            suppressed.append((candidate.start + offset, candidate.end + offset))
            continue  # "ekspertgruppe for … (HSPA)": the long form of a name the register knows
        if _overlaps(candidate.start, candidate.end, [(c.start, c.end) for c in chosen]):
            continue
        chosen.append(candidate)
    mentions = []
    for c in chosen:
        new = NewName(c.name.strip(" -–,.;:"), c.abbreviation, c.kind, c.register_kind)
        new.score, new.pattern = round(c.score, 2), c.pattern
        mention = Mention(c.start + offset, c.end + offset, text[c.start : c.end], new=new, how="new")
        inside = [m for m in known if c.start + offset <= m.start and m.end <= c.end + offset and m.entry]
        owners = [
            m.entry
            for m in inside
            if m.entry.model in ("organisation", "arena") and m.entry.kind != "country"
        ]
        new.parent = owners[0] if owners else guess_parent(text, mention, known, offset)
        if new.parent is not None:
            new.score = min(1.0, new.score + 0.05)
        mentions.append(mention)
    return mentions, suppressed


def with_discoveries(text: str, mentions: list[Mention], offset: int = 0) -> list[Mention]:
    """A block's mentions with the discovered names added; a new name the linker proposed that lies inside a
    discovered one gives way to it."""
    found, suppressed = _discover(text, mentions, offset)
    covering = [(d.start, d.end) for d in found] + suppressed
    kept = [m for m in mentions if _firm(m) or not any(s <= m.start and m.end <= e for s, e in covering)]
    result = sorted(kept + found, key=lambda m: m.start)
    _semicolon_aliases(text, result, offset)
    return result


_BRACKETS = re.compile(r"\(([^()]{3,240})\)")
_LEADING_ARTICLE = re.compile(r"(?:the|The|det|Det|den|Den)\s+")


def _semicolon_aliases(text: str, mentions: list[Mention], offset: int) -> None:
    """'(Name; Other name)': two names of one thing in brackets, the second a new name. The second becomes
    another written form of the first (known or new), spanning its whole part of the brackets ("(hRHR
    Initiative; harmonized Reproductive Health Registries)"). Changes the mentions in place."""
    for match in _BRACKETS.finditer(text):
        parts = match.group(1).split(";")
        if len(parts) != 2:
            continue
        first_start = match.start(1)
        second_start = first_start + len(parts[0]) + 1
        second_start += len(parts[1]) - len(parts[1].lstrip())
        second_end = match.end(1) - (len(parts[1]) - len(parts[1].rstrip()))

        def inside(lo, hi):
            return [m for m in mentions if lo <= m.start - offset and m.end - offset <= hi]

        firsts = [m for m in inside(first_start, first_start + len(parts[0])) if m.entry or m.new]
        seconds = inside(second_start, second_end)
        if (article := _LEADING_ARTICLE.match(text, second_start)) is not None:
            second_start = article.end()
        if len(firsts) != 1 or len(seconds) != 1 or seconds[0].new is None:
            continue
        first, second = firsts[0], seconds[0]
        if not _specific(text[second_start:second_end]):
            continue
        second.start, second.end = second_start + offset, second_end + offset
        second.surface = text[second_start:second_end]
        if first.entry is not None:
            second.entry, second.new, second.how = first.entry, None, "alias"
        else:
            second.new = first.new
