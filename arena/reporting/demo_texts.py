"""Editorial texts of the demo register's 2019 and 2020 reports, written for the demo (not taken from the real
reports): a few chapter introductions, unit texts and priority-area introductions, each year with a link and a
footnote, so the generated demo reports show how the texts come out in every format."""

from arena.register.models import Area
from arena.register.permissions import Access
from arena.register.reference.frameworks import HOD_STRATEGY
from arena.reporting import editorial
from arena.reporting.models import ReportingCycle

CHAPTERS = {
    2019: {
        "enhetene": (
            "Hver divisjon beskriver her sitt eget internasjonale arbeid. Divisjonene skriver selv en kort "
            "innledning og peker til slutt på det de mener blir viktigst i årene som kommer.[^1]\n\n"
            "[^1]: Tekstene er levert som del av divisjonenes innspill og er bare redigert lett."
        ),
    },
    2020: {
        "omradene": (
            "Kapitlet følger de seks satsningsområdene i departementets internasjonale strategi. Pandemien "
            "satte preg på nesten alle områdene, men mest på **helsesikkerhet og beredskap**.[^1]\n\n"
            "[^1]: Strategien er omtalt på [regjeringen.no](https://www.regjeringen.no/)."
        ),
    },
}

UNITS = {
    2019: {
        "kf": (
            "Divisjonen arbeider internasjonalt for å *lære av andre land* om pasientforløp og kvalitet, og for å "
            "dele norske erfaringer der de er nyttige.",
            "Fremover vil divisjonen prioritere:\n\n"
            "- samarbeid om kvalitetsindikatorer i Norden\n"
            "- erfaringsutveksling om pasientsikkerhet[^1]\n\n"
            "[^1]: Se også [WHOs side om pasientsikkerhet](https://www.who.int/health-topics/patient-safety).",
        ),
        "ff": (
            "Folkehelsearbeidet har en tydelig internasjonal side: mange av målene settes og følges opp i "
            "globale og europeiske fora.",
            "Arbeidet med ikke-smittsomme sykdommer og forebygging vil fortsatt ha høy prioritet.",
        ),
    },
    2020: {
        "dh": (
            "",
            "Divisjonen vil bygge videre på det digitale samarbeidet som vokste frem under pandemien, blant annet "
            "om **utveksling av helsedata** på tvers av landegrenser.[^1]\n\n"
            "[^1]: Arbeidet følger EUs planer for et felles europeisk helsedataområde; se "
            "[ec.europa.eu](https://ec.europa.eu/).",
        ),
        "ff": ("", "Etter pandemien blir det viktig å styrke forebyggingen igjen, også internasjonalt."),
    },
}

AREAS = {
    2020: {
        "helsesikkerhet": (
            "Året var preget av covid-19. Mye av det internasjonale arbeidet handlet om å dele kunnskap raskt og "
            "om å samordne tiltak med nabolandene.[^1]\n\n"
            "[^1]: Oversikter over situasjonen ble publisert løpende av [WHO](https://www.who.int/)."
        ),
        "digital-helse": "Digitale møter ble det vanlige, og flere samarbeid fikk nye, digitale arbeidsformer.",
    },
}


def write_demo_texts(cycle: ReportingCycle) -> None:
    """The year's demo texts, written by the system through the editorial functions (once: a text already
    written is left as it is)."""
    system = Access.system()
    year = cycle.year
    stored = editorial.cycle_texts(cycle)
    chapters = {key: text for key, text in CHAPTERS.get(year, {}).items() if ("chapter", key) not in stored}
    areas = {}
    for code, text in AREAS.get(year, {}).items():
        area = Area.objects.filter(framework__code=HOD_STRATEGY, code=code).first()
        if area and ("area", area.pk) not in stored:
            areas[area.pk] = text
    if chapters or areas:
        editorial.save_report_texts(cycle, by=system, chapters=chapters, areas=areas)
    for submission in cycle.submissions.select_related("unit", "cycle").filter(
        unit__key__in=UNITS.get(year, {})
    ):
        intro, next_steps = UNITS[year][submission.unit.key]
        if not any(stored.get((kind, submission.unit_id)) for kind in ("unit_intro", "unit_next")):
            editorial.save_unit_texts(submission, by=system, intro=intro, next_steps=next_steps)
