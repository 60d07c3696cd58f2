"""Demo data for the agenda: the 2019–2021 sessions of the World Health Assembly, WHO's Executive Board and the
Regional Committee for Europe (some with agenda items and briefing notes), meetings of the EU Health Security
Committee, and the recurring reporting obligations the annual reports name. Dates are the sessions' public
dates; every text is written for Arena. Loaded by the register's demo loader (arena.register.demo.load), through
the write path as the system; idempotent (rows are matched by arena and name, items by number and title)."""

from __future__ import annotations

import datetime
import zoneinfo

from django.utils import timezone

from arena.agenda.models import AgendaItem, BriefingNote, Meeting, MeetingSeries, Obligation, Recurrence
from arena.agenda.obligations import generate_deadlines
from arena.agenda.richtext import sanitize
from arena.register import changes
from arena.register.models import Arena, Person, Unit
from arena.register.permissions import Access

SYSTEM = Access.system()
OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
GENEVA = "Genève"
ONLINE = ""

SERIES = [
    ("wha", "Verdens helseforsamling – årlig sesjon", Recurrence.YEARLY),
    ("who-eb", "WHOs styre – ordinære møter", Recurrence.YEARLY),
    ("who-euro-rc", "WHOs regionalkomité for Europa – årlig sesjon", Recurrence.YEARLY),
    ("hsc", "EUs helsesikkerhetskomité – møter", Recurrence.REGULAR),
]

# (arena key, name, first day, last day, place, online, delegation, units, people)
MEETINGS = [
    ("who-eb", "EB144 – WHOs styre", (2019, 1, 24), (2019, 2, 1), GENEVA, False, True, ("asgh",), ("Kari",)),
    (
        "wha",
        "WHA72 – Verdens helseforsamling",
        (2019, 5, 20),
        (2019, 5, 28),
        GENEVA,
        False,
        True,
        ("asgh", "ff"),
        ("Kari", "Ingrid"),
    ),
    ("who-eb", "EB145 – WHOs styre", (2019, 5, 29), (2019, 5, 30), GENEVA, False, True, ("asgh",), ("Kari",)),
    (
        "who-euro-rc",
        "RC69 – WHOs regionalkomité for Europa",
        (2019, 9, 16),
        (2019, 9, 19),
        "København",
        False,
        True,
        ("asgh",),
        ("Kari",),
    ),
    ("who-eb", "EB146 – WHOs styre", (2020, 2, 3), (2020, 2, 8), GENEVA, False, True, ("asgh",), ("Kari",)),
    (
        "hsc",
        "HSC – ekstraordinært møte om det nye koronaviruset",
        (2020, 2, 3),
        (2020, 2, 3),
        ONLINE,
        True,
        False,
        ("smittevern",),
        (),
    ),
    (
        "hsc",
        "HSC – covid-19: beredskap og tiltak",
        (2020, 3, 10),
        (2020, 3, 10),
        ONLINE,
        True,
        False,
        ("smittevern",),
        (),
    ),
    (
        "wha",
        "WHA73 – Verdens helseforsamling (digital)",
        (2020, 5, 18),
        (2020, 5, 19),
        ONLINE,
        True,
        True,
        ("asgh",),
        ("Kari",),
    ),
    (
        "who-eb",
        "EB147 – WHOs styre (digitalt)",
        (2020, 5, 22),
        (2020, 5, 22),
        ONLINE,
        True,
        True,
        ("asgh",),
        (),
    ),
    (
        "who-euro-rc",
        "RC70 – WHOs regionalkomité for Europa (digital)",
        (2020, 9, 14),
        (2020, 9, 15),
        ONLINE,
        True,
        True,
        ("asgh",),
        ("Kari",),
    ),
    (
        "wha",
        "WHA73 – gjenopptatt sesjon (digital)",
        (2020, 11, 9),
        (2020, 11, 14),
        ONLINE,
        True,
        True,
        ("asgh",),
        (),
    ),
    (
        "who-eb",
        "EB148 – WHOs styre (digitalt)",
        (2021, 1, 18),
        (2021, 1, 26),
        ONLINE,
        True,
        True,
        ("asgh", "ff"),
        ("Kari",),
    ),
    (
        "hsc",
        "HSC – vaksinestrategi og testing",
        (2021, 1, 14),
        (2021, 1, 14),
        ONLINE,
        True,
        False,
        ("smittevern",),
        (),
    ),
    (
        "wha",
        "WHA74 – Verdens helseforsamling (digital)",
        (2021, 5, 24),
        (2021, 6, 1),
        ONLINE,
        True,
        True,
        ("asgh", "ff", "kf"),
        ("Kari", "Ingrid", "Nils"),
    ),
    (
        "who-eb",
        "EB149 – WHOs styre (digitalt)",
        (2021, 6, 2),
        (2021, 6, 2),
        ONLINE,
        True,
        True,
        ("asgh",),
        (),
    ),
    (
        "who-euro-rc",
        "RC71 – WHOs regionalkomité for Europa (digital)",
        (2021, 9, 13),
        (2021, 9, 15),
        ONLINE,
        True,
        True,
        ("asgh",),
        ("Kari",),
    ),
]

# Agenda items with notes: (meeting name, number, title, unit, deadline, status, background, position, intervention)
ITEMS = {
    "WHA74 – Verdens helseforsamling (digital)": [
        ("1", "Åpning av helseforsamlingen", None, None, None, "", "", ""),
        (
            "13.1",
            "Covid-19: WHOs arbeid med helsekriser",
            "smittevern",
            (2021, 5, 3),
            "approved",
            "Pandemien har vist svakheter i beredskapen både nasjonalt og globalt. Flere uavhengige gjennomganger "
            "har lagt fram anbefalinger om finansiering, varsling og styring.",
            "Norge vil at WHO skal ha en sterk og forutsigbart finansiert rolle i helsekriser, og støtter at "
            "anbefalingene fra gjennomgangene følges opp i en samlet prosess.",
            "- Takk til sekretariatet for rapporten\n- Norge støtter arbeidet med å styrke beredskapen\n"
            "- Vi ber om en tydelig plan for oppfølgingen",
        ),
        (
            "13.2",
            "Pasientsikkerhet: global handlingsplan 2021–2030",
            "kf",
            (2021, 5, 3),
            "approved",
            "Sekretariatet legger fram et utkast til global handlingsplan for pasientsikkerhet etter vedtaket fra 2019.",
            "Norge støtter handlingsplanen og vil dele erfaringer fra det nasjonale arbeidet med pasientsikkerhet.",
            "Norge ønsker handlingsplanen velkommen og vil bidra i oppfølgingen.",
        ),
        (
            "13.4",
            "Munnhelse",
            "ff",
            (2021, 5, 3),
            "delivered",
            "Dårlig munnhelse henger sammen med andre ikke-smittsomme sykdommer og sosial ulikhet.",
            "Norge støtter resolusjonen om munnhelse og vektlegger forebygging og lik tilgang.",
            "",
        ),
        (
            "15",
            "Antimikrobiell resistens",
            "ff",
            (2021, 5, 3),
            "draft",
            "Resistens mot antibiotika er en økende trussel; arbeidet følger den globale handlingsplanen.",
            "",
            "",
        ),
    ],
    "EB148 – WHOs styre (digitalt)": [
        (
            "6",
            "Ikke-smittsomme sykdommer: oppfølging av høynivåmøtet",
            "ff",
            (2021, 1, 6),
            "approved",
            "Styret drøfter oppfølgingen av FNs høynivåmøte om ikke-smittsomme sykdommer fra 2018.",
            "Norge støtter en tydelig rapportering om framdrift mot bærekraftsmål 3.4.",
            "Norge takker for rapporten og ber om at arbeidet med **tobakk** og **alkohol** prioriteres.",
        ),
        (
            "14",
            "Helsekriser og beredskap",
            "smittevern",
            (2021, 1, 6),
            "approved",
            "Styret drøfter erfaringene fra covid-19 og det internasjonale helsereglementet (IHR).",
            "Norge vil styrke etterlevelsen av IHR og støtter arbeidet med en mulig pandemiavtale.",
            "",
        ),
    ],
}

# Obligations: (key, name, arena key, owning unit, recurrence, month, day, description)
OBLIGATIONS = [
    (
        "joint-questionnaire",
        "Felles spørreskjema om helsepersonell (OECD/Eurostat/WHO)",
        "joint-questionnaire",
        "dh",
        Recurrence.YEARLY,
        6,
        30,
        "Tall for helsepersonell og utdanning leveres hvert år til det felles spørreskjemaet som OECD, Eurostat "
        "og WHO Europa sender ut sammen.",
    ),
    (
        "oecd-health-data",
        "OECDs helsestatistikk (datainnsamling)",
        "oecd-health-data",
        "dh",
        Recurrence.YEARLY,
        3,
        31,
        "Årlig levering av norske tall til OECDs helsestatistikk, i samarbeid med SSB.",
    ),
    (
        "ihr-spar",
        "Egenrapportering under det internasjonale helsereglementet (IHR)",
        "ihr-spar",
        "smittevern",
        Recurrence.YEARLY,
        3,
        31,
        "Statspartene rapporterer hvert år om kjernekapasitetene under IHR til WHO.",
    ),
    (
        "sdg-reporting",
        "Rapportering om bærekraftsmål 3",
        "sdg-reporting",
        "asgh",
        Recurrence.YEARLY,
        4,
        15,
        "Innspill til Norges rapportering om helsemålene i bærekraftsagendaen.",
    ),
]


def _at(day: tuple, hour: int) -> datetime.datetime:
    return datetime.datetime(*day, hour, 0, tzinfo=OSLO)


def _series(arenas) -> dict[str, MeetingSeries]:
    found = {}
    for key, name, recurrence in SERIES:
        arena = arenas.get(key)
        if arena is None:
            continue
        series = MeetingSeries.objects.filter(arena=arena, name=name).first()
        if series is None:
            series = changes.save(
                MeetingSeries(arena=arena, name=name, recurrence=recurrence), by=SYSTEM, action=changes.DEMO
            )
        found[key] = series
    return found


def _meetings(arenas, series, units, people) -> dict[str, Meeting]:
    found = {}
    for key, name, first, last, place, online, delegation, unit_keys, given_names in MEETINGS:
        arena = arenas.get(key)
        if arena is None:
            continue
        meeting = Meeting.objects.filter(arena=arena, name=name).first()
        if meeting is None:
            kind = Meeting.Kind.MEETING if key == "hsc" else Meeting.Kind.SESSION
            meeting = Meeting(
                arena=arena,
                series=series.get(key),
                kind=kind,
                name=name,
                starts_at=_at(first, 9 if key != "hsc" else 14),
                ends_at=_at(last, 17 if key != "hsc" else 16),
                place=place,
                online_url="https://example.org/digitalt-mote" if online else "",
                norway_has_delegation=delegation,
            )
            changes.save(
                meeting,
                by=SYSTEM,
                action=changes.DEMO,
                relations={
                    "attendee_units": [units[u] for u in unit_keys if u in units],
                    "attendee_people": [people[p] for p in given_names if p in people],
                },
            )
        found[name] = meeting
    return found


def _items(meetings, units) -> None:
    system_time = timezone.now()
    for meeting_name, rows in ITEMS.items():
        meeting = meetings.get(meeting_name)
        if meeting is None:
            continue
        for position, (
            number,
            title,
            unit_key,
            deadline,
            status,
            background,
            position_text,
            intervention,
        ) in enumerate(rows, start=1):
            item = AgendaItem.objects.filter(meeting=meeting, number=number, title=title).first()
            unit = units.get(unit_key) if unit_key else None
            if item is None:
                item = changes.save(
                    AgendaItem(
                        meeting=meeting,
                        number=number,
                        title=title,
                        position=position,
                        unit=unit,
                        suggested_unit=unit,
                        confirmed=unit is not None,
                        note_deadline=datetime.date(*deadline) if deadline else None,
                    ),
                    by=SYSTEM,
                    action=changes.DEMO,
                )
            if unit is None or BriefingNote.objects.filter(item=item).exists():
                continue
            delivered = status in ("delivered", "approved")
            note = BriefingNote(
                item=item,
                unit=unit,
                deadline=item.note_deadline,
                status=status,
                background=sanitize(background),
                position=sanitize(position_text),
                intervention=sanitize(intervention),
                delivered_at=system_time if delivered else None,
                approved_at=system_time if status == "approved" else None,
            )
            changes.save(note, by=SYSTEM, action=changes.DEMO)


def _obligations(arenas, units) -> None:
    for key, name, arena_key, unit_key, recurrence, month, day, description in OBLIGATIONS:
        arena, unit = arenas.get(arena_key), units.get(unit_key)
        if arena is None or unit is None or Obligation.objects.filter(key=key).exists():
            continue
        changes.save(
            Obligation(
                key=key,
                name=name,
                description=description,
                arena=arena,
                organisation=arena.organisation,
                unit=unit,
                recurrence=recurrence,
                due_month=month,
                due_day=day,
            ),
            by=SYSTEM,
            action=changes.DEMO,
        )
    for year in (2019, 2020, 2021, timezone.localdate().year):
        generate_deadlines(year, by=SYSTEM)


def load_agenda_demo() -> dict[str, int]:
    """Load (or complete) the agenda's demo rows; returns counts."""
    keys = {k for k, *_ in SERIES} | {row[2] for row in OBLIGATIONS}
    arenas = {a.key: a for a in Arena.objects.filter(key__in=keys)}
    units = {u.key: u for u in Unit.objects.filter(key__isnull=False)}
    people = {p.given_name: p for p in Person.objects.filter(is_fictitious=True)}
    series = _series(arenas)
    meetings = _meetings(arenas, series, units, people)
    _items(meetings, units)
    _obligations(arenas, units)
    # Past years' deadlines were delivered (the demo shows the current year's as open).
    from arena.agenda.models import Deadline

    for deadline in Deadline.objects.filter(due_on__year__lte=2021, delivered_at__isnull=True):
        deadline.delivered_at = datetime.datetime.combine(deadline.due_on, datetime.time(12), tzinfo=OSLO)
        changes.save(deadline, by=SYSTEM, action=changes.DEMO)
    return {"meetings": Meeting.objects.count(), "obligations": Obligation.objects.count()}
