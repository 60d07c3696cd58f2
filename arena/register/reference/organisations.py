"""Reference data: organisations named in the 2019 and 2020 international annual reports.

Each entry: key, Norwegian name, English name, abbreviation, kind, parent key, other names/spellings, country.
Names are proper names (facts); descriptions are left for the register's users to write.
"""

from typing import NamedTuple


class Org(NamedTuple):
    key: str
    name: str
    name_en: str
    abbreviation: str
    kind: str
    parent: str | None = None
    aliases: tuple[str, ...] = ()
    country: str | None = None


INT, EUI, EUA, MIN, AGY, NORG, NGO, FOREIGN, NET, OTHER = (
    "international",
    "eu_institution",
    "eu_agency",
    "national_ministry",
    "national_agency",
    "national_organisation",
    "ngo",
    "foreign_authority",
    "network",
    "other",
)

ORGANISATIONS: list[Org] = [
    # --- International organisations and their bodies
    Org("who", "Verdens helseorganisasjon", "World Health Organization", "WHO", INT,
        aliases=("Verdens helseorganisasjon (WHO)", "WHO's")),
    Org("who-euro", "WHOs regionkontor for Europa", "WHO Regional Office for Europe", "WHO EURO", INT, "who",
        aliases=("WHO/Europe", "WHO-EURO", "WHO Europa", "WHO Europe")),
    Org("un", "De forente nasjoner", "United Nations", "FN", INT, aliases=("UN", "Forente nasjoner")),
    Org("fao", "FNs organisasjon for ernæring og landbruk", "Food and Agriculture Organization", "FAO", INT, "un",
        aliases=("Food and Agriculture Organization of the United Nations",)),
    Org("ilo", "Den internasjonale arbeidsorganisasjonen", "International Labour Organization", "ILO", INT, "un"),
    Org("icao", "Den internasjonale organisasjonen for sivil luftfart", "International Civil Aviation Organization",
        "ICAO", INT, "un"),
    Org("oecd", "Organisasjonen for økonomisk samarbeid og utvikling",
        "Organisation for Economic Co-operation and Development", "OECD", INT),
    Org("coe", "Europarådet", "Council of Europe", "CoE", INT, aliases=("Europaradet",)),
    Org("codex", "Codex Alimentarius-kommisjonen", "Codex Alimentarius Commission", "Codex", INT,
        aliases=("Codex Alimentarius",)),
    Org("eu", "Den europeiske union", "European Union", "EU", EUI, aliases=("Europeiske union",)),
    Org("ec", "Europakommisjonen", "European Commission", "EC", EUI, "eu",
        aliases=("EU-kommisjonen", "Kommisjonen", "Den europeiske kommisjon")),
    Org("dg-sante", "Generaldirektoratet for helse og mattrygghet", "Directorate-General for Health and Food Safety",
        "DG SANTE", EUI, "ec"),
    Org("eurostat", "Eurostat", "Eurostat", "", EUI, "ec"),
    Org("ecdc", "Det europeiske smitteverncenteret", "European Centre for Disease Prevention and Control", "ECDC",
        EUA, "eu"),
    Org("eea", "Det europeiske økonomiske samarbeidsområdet", "European Economic Area", "EØS",
        INT, aliases=("EEA", "EØS-avtalen", "EEA Agreement")),
    Org("ncm", "Nordisk ministerråd", "Nordic Council of Ministers", "NMR", INT,
        aliases=("Nordisk Ministerråd", "Nordiska ministerrådet")),
    Org("mr-fjls", "Nordisk ministerråd for fiskeri, havbruk, jordbruk, næringsmidler og skogbruk",
        "Nordic Council of Ministers for Fisheries, Aquaculture, Agriculture, Food and Forestry", "MR-FJLS", INT,
        "ncm"),
    Org("nordic-council", "Nordisk råd", "Nordic Council", "", INT),
    Org("nordic-welfare-centre", "Nordens välfärdscenter", "Nordic Welfare Centre", "NVC", INT, "ncm",
        aliases=("Nordens Välfärdscenter", "Nordens velferdssenter")),
    Org("nordic-casemix-centre", "Nordisk DRG-senter", "Nordic Casemix Centre", "NordDRG", NET,
        aliases=("Nordic Casemix Centre (NordDRG)", "nordisk DRG-senter")),
    Org("scandiatransplant", "Scandiatransplant", "Scandiatransplant", "", NET),
    Org("beac", "Barentsrådet", "Barents Euro-Arctic Council", "BEAC", INT,
        aliases=("Barentssamarbeidet", "Barents-samarbeidet")),
    Org("ndphs", "Den nordlige dimensjons partnerskap for helse og livskvalitet",
        "Northern Dimension Partnership in Public Health and Social Well-being", "NDPHS", INT,
        aliases=("Nordlige dimensjon", "Den nordlige dimensjon")),
    Org("eurohealthnet", "EuroHealthNet", "EuroHealthNet", "", NET, aliases=("det europeiske folkehelsenettverket",)),
    Org("european-observatory", "Det europeiske observatoriet for helsesystemer og helsepolitikk",
        "European Observatory on Health Systems and Policies", "", INT, aliases=("European Observatory",)),
    Org("eaad", "European Alliance Against Depression", "European Alliance Against Depression", "EAAD", NET),
    Org("fedcar", "Federation of European Dental Competent Authorities and Regulators",
        "Federation of European Dental Competent Authorities and Regulators", "FEDCAR", NET),
    Org("edctp", "European & Developing Countries Clinical Trials Partnership",
        "European & Developing Countries Clinical Trials Partnership", "EDCTP", INT,
        aliases=("The European & Developing Countries Clinical Trials Partnership",)),
    # --- National partners (Norway)
    Org("hod", "Helse- og omsorgsdepartementet", "Ministry of Health and Care Services", "HOD", MIN, country="NO",
        aliases=("Helse- og omsorgsdepartementets",)),
    Org("ud", "Utenriksdepartementet", "Ministry of Foreign Affairs", "UD", MIN, country="NO"),
    Org("fhi", "Folkehelseinstituttet", "Norwegian Institute of Public Health", "FHI", AGY, country="NO"),
    Org("norad", "Direktoratet for utviklingssamarbeid", "Norwegian Agency for Development Cooperation", "Norad",
        AGY, country="NO"),
    Org("dsb", "Direktoratet for samfunnssikkerhet og beredskap", "Norwegian Directorate for Civil Protection", "DSB",
        AGY, country="NO"),
    Org("ssb", "Statistisk sentralbyrå", "Statistics Norway", "SSB", AGY, country="NO"),
    Org("ks", "Kommunesektorens organisasjon", "Norwegian Association of Local and Regional Authorities", "KS", NORG,
        country="NO", aliases=("Kommunenes sentralforbund",)),
    Org("kreftforeningen", "Kreftforeningen", "Norwegian Cancer Society", "", NGO, country="NO"),
    Org("nokut", "Nasjonalt organ for kvalitet i utdanningen", "Norwegian Agency for Quality Assurance in Education",
        "NOKUT", AGY, country="NO"),
    Org("helfo", "Helfo", "Norwegian Health Economics Administration", "", AGY, country="NO"),
    Org("forskningsradet", "Norges forskningsråd", "Research Council of Norway", "", AGY, country="NO",
        aliases=("Forskningsrådet",)),
    Org("ehelse", "Direktoratet for e-helse", "Norwegian Directorate of eHealth", "", AGY, country="NO"),
    Org("vetinst", "Veterinærinstituttet", "Norwegian Veterinary Institute", "", AGY, country="NO"),
    Org("cbrne", "Nasjonal kompetansetjeneste for CBRNE-medisin", "Norwegian National Unit for CBRNE Medicine",
        "CBRNE-senteret", AGY, country="NO", aliases=("CBRNE-senteret", "CBRNE")),
    Org("nkvts", "Nasjonalt kunnskapssenter om vold og traumatisk stress",
        "Norwegian Centre for Violence and Traumatic Stress Studies", "NKVTS", AGY, country="NO"),
    Org("nssf", "Nasjonalt senter for selvmordsforskning og -forebygging",
        "National Centre for Suicide Research and Prevention", "NSSF", AGY, country="NO"),
    Org("rhf", "De regionale helseforetakene", "Regional health authorities", "RHF", AGY, country="NO",
        aliases=("RHF-ene", "regionale helseforetak")),
    Org("kompetansenettverk-ptm", "Kompetansenettverk for persontilpasset medisin",
        "Norwegian Network for Personalized Medicine", "", NET, "rhf", country="NO"),
    Org("velferdsteknologiprogrammet", "Nasjonalt velferdsteknologiprogram", "National Welfare Technology Programme",
        "", AGY, country="NO"),
]
