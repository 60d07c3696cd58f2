"""Words for the report's running text: how entities are named, and activities written as sentences.

`Namer` names organisations, arenas and units the way an editor would: in full with the abbreviation at the first
mention in the document ("Direktoratet for samfunnssikkerhet og beredskap (DSB)") and by the abbreviation
afterwards ("DSB"). One Namer is made per report build (so per language) and passed through the builder, which
asks it in reading order.

`activity_sentence` writes the facts of an activity (units, kind, arenas, partners, countries) as one or two
sentences of our own ("Divisjon for folkehelse og forebygging (FF) deltok i … sammen med …"). Every template is a
gettext string with bokmål source text; nynorsk and English are in arena/reporting/locale.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from arena.register.language import is_english, local_name


def quoted(name: str) -> str:
    return _("«%(name)s»") % {"name": name}


def join_words(words: list[str]) -> str:
    """'A', 'A og B', 'A, B og C' (in the active language)."""
    words = [w for w in words if w]
    if len(words) <= 1:
        return "".join(words)
    return _("%(first)s og %(last)s") % {"first": ", ".join(words[:-1]), "last": words[-1]}


class Namer:
    """Names register entities (anything with name, name_en, abbreviation and pk) at first and later mention.

    The first call for an entity gives its full name with the abbreviation in brackets; later calls give the
    abbreviation alone. Entities without an abbreviation (or whose name already contains it) are always named
    in full. English reports use the English name where the register has one."""

    def __init__(self, language: str | None = None):
        self.english = is_english(language)
        self.introduced: set[tuple[str, int]] = set()

    def full(self, entity) -> str:
        return local_name(entity, self.english)

    def __call__(self, entity) -> str:
        name = self.full(entity)
        abbreviation = (entity.abbreviation or "").strip()
        if not abbreviation or abbreviation.casefold() == name.casefold():
            return name
        key = (type(entity).__name__, entity.pk)
        if key in self.introduced:
            return abbreviation
        self.introduced.add(key)
        if re.search(rf"(?<!\w){re.escape(abbreviation)}(?!\w)", name):
            return name  # "WHOs regionkontor for Europa (WHO EURO)" already says it
        return f"{name} ({abbreviation})"

    def many(self, entities) -> str:
        return join_words([self(e) for e in entities])


def _verb_phrase(kind: str, arenas: str) -> str:
    """What the units did, by the activity's kind, with or without arenas ('deltok i X' / 'deltok i arbeidet')."""
    if arenas:
        templates = {
            "participation": _("%(units)s deltok i %(arenas)s"),
            "leadership": _("%(units)s ledet eller koordinerte arbeidet i %(arenas)s"),
            "contribution": _("%(units)s bidro med faglige innspill til %(arenas)s"),
            "reporting": _("%(units)s rapporterte til %(arenas)s"),
            "project": _("%(units)s arbeidet i prosjektet under %(arenas)s"),
            "deployment": _("%(units)s bidro med utsendinger eller bistand gjennom %(arenas)s"),
            "event": _("%(units)s arrangerte eller deltok i arrangementet i regi av %(arenas)s"),
            "monitoring": _("%(units)s fulgte med på og fulgte opp arbeidet i %(arenas)s"),
        }
        return templates.get(kind, _("%(units)s var med i arbeidet i %(arenas)s"))
    templates = {
        "participation": _("%(units)s deltok i arbeidet"),
        "leadership": _("%(units)s ledet eller koordinerte arbeidet"),
        "contribution": _("%(units)s bidro med faglige innspill"),
        "reporting": _("%(units)s sto for rapporteringen"),
        "project": _("%(units)s arbeidet i prosjektet"),
        "deployment": _("%(units)s bidro med utsendinger eller bistand"),
        "event": _("%(units)s arrangerte eller deltok i arrangementet"),
        "monitoring": _("%(units)s fulgte med på og fulgte opp arbeidet"),
    }
    return templates.get(kind, _("%(units)s var med i arbeidet"))


def activity_sentence(
    *,
    kind: str,
    units: str,
    arenas: str = "",
    partners: str = "",
    countries: str = "",
    areas: str = "",
    area_count: int = 0,
) -> str:
    """The activity's facts as running text. `units`, `arenas`, `partners` and `countries` are already named
    and joined (see Namer.many and join_words); `areas` the priority areas' names joined, `area_count` how many."""
    sentence = _verb_phrase(kind, arenas) % {"units": units, "arenas": arenas}
    if partners:
        sentence = _("%(sentence)s, sammen med %(partners)s") % {"sentence": sentence, "partners": partners}
    sentences = [f"{sentence[:1].upper()}{sentence[1:]}."]
    if countries:
        sentences.append(_("Arbeidet omfattet %(countries)s.") % {"countries": countries})
    if areas:
        if area_count == 1:
            sentences.append(_("Det hører til satsningsområdet %(areas)s.") % {"areas": areas})
        else:
            sentences.append(_("Det hører til satsningsområdene %(areas)s.") % {"areas": areas})
    return " ".join(sentences)
