"""Demo data: the directorate's units as the 2019 and 2020 reports name them, and fictitious people."""

from arena.register.demo.records import PersonRec, UnitRec

UNITS: list[UnitRec] = [
    UnitRec(
        "hdir",
        "Helsedirektoratet",
        "Norwegian Directorate of Health",
        "Hdir",
        "directorate",
        aliases=("direktoratet", "Helsedirektoratets"),
    ),
    UnitRec(
        "as",
        "Divisjon for analyse og samfunn",
        "Division of Analysis and Society",
        "AS",
        "division",
        "hdir",
        aliases=("Divisjon analyse og samfunn", "AS-divisjonen", "analyse og samfunn"),
    ),
    UnitRec(
        "asgh",
        "Avdeling global helse og dokumentasjon",
        "Department of Global Health and Documentation",
        "ASGH",
        "department",
        "as",
        aliases=("Avdeling for global helse og dokumentasjon", "avdelingen for global helse"),
        is_coordinator=True,
    ),
    UnitRec(
        "ff",
        "Divisjon for folkehelse og forebygging",
        "Division of Public Health and Prevention",
        "FF",
        "division",
        "hdir",
        aliases=(
            "Divisjon folkehelse og forebygging",
            "FF-divisjonen",
            "Divisjonen for folkehelse og forebygging",
        ),
    ),
    UnitRec(
        "ffpr",
        "Avdeling psykisk helse og rus",
        "Department of Mental Health and Substance Use",
        "",
        "department",
        "ff",
        aliases=("avdeling for psykisk helse og rus",),
    ),
    UnitRec(
        "dh",
        "Divisjon for digitalisering og helseregistre",
        "Division of Digitalisation and Health Registries",
        "DH",
        "division",
        "hdir",
        aliases=(
            "Divisjon digitalisering og helseregistre",
            "DH-divisjonen",
            "Divisjonen for digitalisering og helseregistre",
        ),
    ),
    UnitRec(
        "hk",
        "Divisjon for helseøkonomi og kompetanse",
        "Division of Health Economics and Competence",
        "HK",
        "division",
        "hdir",
        aliases=("Divisjon helseøkonomi og kompetanse", "HK-divisjonen"),
    ),
    UnitRec(
        "kf",
        "Divisjon for kvalitet og forløp",
        "Division of Quality and Patient Pathways",
        "KF",
        "division",
        "hdir",
        aliases=("Divisjon kvalitet og forløp", "KF-divisjonen"),
    ),
    UnitRec(
        "smittevern",
        "Smittevernteamet",
        "Infection control team",
        "",
        "team",
        "hdir",
        aliases=("smittevernteamet",),
    ),
]

# Placeholder people: the names are invented and marked fictitious; they are not the directorate's staff.
PEOPLE: list[PersonRec] = [
    PersonRec("Kari", "Testnordmann", "asgh", "coordinator", "Seniorrådgiver (fiktiv)"),
    PersonRec("Ola", "Eksempelsen", "as", "international_contact", "Rådgiver (fiktiv)"),
    PersonRec("Ingrid", "Demodatter", "ff", "international_contact", "Seniorrådgiver (fiktiv)"),
    PersonRec("Per", "Prøvesen", "dh", "international_contact", "Rådgiver (fiktiv)"),
    PersonRec("Sigrid", "Plasshaldar", "hk", "international_contact", "Seniorrådgiver (fiktiv)"),
    PersonRec("Nils", "Fiktivsen", "kf", "international_contact", "Seniorrådgiver (fiktiv)"),
    PersonRec("Astrid", "Utprøving", "ffpr", "international_contact", "Rådgiver (fiktiv)"),
    PersonRec("Lars", "Oppdiktet", "smittevern", "leader", "Teamleder (fiktiv)"),
    PersonRec("Berit", "Lesesen", "hdir", "member", "Direktørens stab (fiktiv)"),
]
