"""Demo data: what the units expected to matter in the coming years (2019 per division; 2020 for the
directorate as a whole), summarised in Arena's own words."""

from arena.register.demo.records import OutlookRec as O

OUTLOOKS: list[O] = [
    O(
        "as",
        2019,
        "Handlingsplanen for bærekraftsmålene og målet om universell helsedekning med sterk primærhelsetjeneste står "
        "sentralt, sammen med helsevirkninger av klimaendringer og innsatsen mot covid-19. TERROR-prosjektet og "
        "oppbyggingen av RescEU-kapasiteten prioriteres, og arbeidet i WHO, EU og under EØS-midlene videreføres.",
        areas=("hod:universell-helsedekning", "hod:helsesikkerhet", "hod:gronn-helse"),
        arenas=("ja-terror", "resceu-medevac", "sdg-reporting"),
    ),
    O(
        "ff",
        2019,
        "Divisjonen regner med omtrent like mye internasjonalt arbeid som før. Nordiske møteplasser for felles "
        "retningslinjer, anbefalinger og merkeordninger bør følges opp og kan gi mer samordning, og EØS-programmene "
        "varer til 2024. Oppgaver i EU og WHO forblir viktige.",
        areas=("hod:ikke-smittsomme-sykdommer",),
        arenas=("nkmt", "keyhole", "eea-grants"),
    ),
    O(
        "dh",
        2019,
        "Statistikkleveransene til OECD og WHO forblir viktige for å kunne sammenligne helsetjenester mellom land. "
        "Koordineringen av InfAct prioriteres fordi den gir innflytelse på anbefalingene til Europakommisjonen.",
        areas=("hod:digital-helse",),
        arenas=("oecd-health-statistics", "ja-infact"),
    ),
    O(
        "hk",
        2019,
        "Samarbeidet med de andre EØS-landene blir det viktigste: utveksling av opplysninger om yrkeskvalifikasjoner, "
        "yrkesforbud og straffesanksjoner som angår pasientsikkerheten, og kontroll av vitnemål.",
        areas=("hod:universell-helsedekning",),
        arenas=("imi", "pq-directive", "enmca"),
    ),
    O(
        "kf",
        2019,
        "Norge bør bidra aktivt til en felles europeisk strategi for sikker legemiddelforsyning, med erfaring fra "
        "finansiering av vaksineinnkjøp. Proteksjonisme i krisetider kan stå i veien. Pågående samarbeid videreføres.",
        areas=("hod:universell-helsedekning", "hod:helsesikkerhet"),
        arenas=("nordic-pharma-forum",),
    ),
    O(
        "hdir",
        2020,
        "Divisjonenes innspill peker ut disse områdene for årene fremover: legemiddelmangel og beredskap, smittevern, "
        "antibiotikaresistens, ikke-smittsomme sykdommer med kreft, grønn helse, digital helse, og vold i nære "
        "relasjoner og kjønnsbasert vold. De ligger i hovedsak på linje med HODs strategi og EU4Health.",
        areas=("hod:helsesikkerhet", "hod:ikke-smittsomme-sykdommer", "hod:gronn-helse", "hod:digital-helse"),
        arenas=("eu4health",),
    ),
]
