"""Reference data: national guiding documents for the international work (the reports' appendix)."""

from typing import NamedTuple


class Doc(NamedTuple):
    title: str
    kind: str
    category: str
    reference: str
    issued_by: str | None
    year: int | None
    url: str
    countries: tuple[str, ...] = ()


R = "https://www.regjeringen.no"

GUIDING_DOCUMENTS: list[Doc] = [
    Doc("Tildelingsbrev til Helsedirektoratet 2019", "allocation_letter", "mandate", "", "hod", 2019, ""),
    Doc("Tildelingsbrev til Helsedirektoratet 2021", "allocation_letter", "mandate", "", "hod", 2021, ""),
    Doc("HODs internasjonale strategi 2021–2025", "strategy", "health", "", "hod", 2021, ""),
    Doc(
        "Veivalg i norsk utenriks- og sikkerhetspolitikk",
        "white_paper",
        "foreign_policy",
        "Meld. St. 36 (2016–2017)",
        "ud",
        2017,
        f"{R}/no/dokumenter/meld.-st.-36-20162017/id2549828/",
    ),
    Doc(
        "Norges oppfølging av bærekraftsmålene i statsbudsjettet",
        "budget_proposition",
        "sdg",
        "Prop. 1 S (2019–2020)",
        "hod",
        2019,
        f"{R}/no/statsbudsjett/2020/norges-oppfolging-av-barekraftsmalene/id2739924/",
    ),
    Doc(
        "Felles ansvar for felles fremtid – Bærekraftsmålene og norsk utviklingspolitikk",
        "white_paper",
        "sdg",
        "Meld. St. 24 (2016–2017)",
        "ud",
        2017,
        f"{R}/no/dokumenter/meld.-st.-24-20162017/id2547573/",
    ),
    Doc(
        "Mål med mening – Norges handlingsplan for å nå bærekraftsmålene innen 2030",
        "white_paper",
        "sdg",
        "Meld. St. 40 (2020–2021)",
        None,
        2021,
        "",
    ),
    Doc(
        "Norge i Europa. Regjeringens strategi for samarbeidet med EU 2018–2021",
        "strategy",
        "europe",
        "",
        "ud",
        2018,
        f"{R}/no/dokumenter/eustrategi_2018/id2600561/",
    ),
    Doc(
        "Norge i Europa. Regjeringens arbeidsprogram for samarbeidet med EU 2019",
        "work_programme",
        "europe",
        "",
        "ud",
        2019,
        f"{R}/no/dokumenter/arbeidsprogram_eu2019/id2631053/",
    ),
    Doc(
        "EØS-avtalen og Norges øvrige avtaler med EU",
        "white_paper",
        "europe",
        "Meld. St. 5 (2012–2013)",
        "ud",
        2012,
        f"{R}/no/dokumenter/meld-st-5--20122013/id704518/",
    ),
    Doc(
        "Regjeringens strategi for samarbeid med Polen",
        "strategy",
        "europe",
        "",
        "ud",
        None,
        f"{R}/no/aktuelt/strategi-polen/id2473442/",
        ("PL",),
    ),
    Doc(
        "Nordisk samarbeid",
        "white_paper",
        "nordic",
        "Meld. St. 11 (2017–2018)",
        "ud",
        2018,
        f"{R}/no/dokumenter/meld.-st.-11-20172018/id2595974/",
    ),
    Doc(
        "Regjeringens nordområdestrategi – mellom geopolitikk og samfunnsutvikling",
        "strategy",
        "high_north",
        "",
        "ud",
        2017,
        f"{R}/no/dokumenter/strategi_nord/id2550081/",
    ),
    Doc(
        "Helsesamarbeidsavtale med Kina",
        "agreement",
        "bilateral",
        "",
        "hod",
        None,
        f"{R}/no/aktuelt/norge-og-kina-gjenopptar-helsesamarbeidet/id2549134/",
        ("CN",),
    ),
    Doc(
        "Helsesamarbeidsavtale med Moldova",
        "agreement",
        "bilateral",
        "",
        "hod",
        None,
        f"{R}/no/aktuelt/Avtale-om-helsesamarbeid-med-Moldova/id760243/",
        ("MD",),
    ),
]
