"""Reference data: the strategy frameworks activities are tagged with."""

from typing import NamedTuple


class Fw(NamedTuple):
    code: str
    name: str
    name_en: str
    owner: str | None
    starts_year: int | None
    ends_year: int | None
    areas: tuple[tuple[str, str, str], ...]  # (code, Norwegian name, English name), numbered in order


HOD_STRATEGY = "hod-2021-2025"
SDG = "sdg"
TAG_PREFIX = {HOD_STRATEGY: "hod", SDG: "sdg"}


def area_tag(area) -> str:
    """The short tag data files use for an area: "hod:digital-helse", "sdg:3"."""
    return f"{TAG_PREFIX.get(area.framework.code, area.framework.code)}:{area.code}"


FRAMEWORKS: list[Fw] = [
    Fw(
        HOD_STRATEGY,
        "HODs internasjonale strategi 2021–2025",
        "Ministry of Health and Care Services' international strategy 2021–2025",
        "hod",
        2021,
        2025,
        (
            ("universell-helsedekning", "Universell helsedekning", "Universal health coverage"),
            ("helsesikkerhet", "Helsesikkerhet og -beredskap", "Health security and preparedness"),
            ("ikke-smittsomme-sykdommer", "Ikke-smittsomme sykdommer", "Non-communicable diseases"),
            ("digital-helse", "Digital helse", "Digital health"),
            ("gronn-helse", "Grønn helse", "Green health"),
            ("forskning-og-innovasjon", "Forskning og innovasjon", "Research and innovation"),
        ),
    ),
    Fw(
        SDG,
        "FNs bærekraftsmål",
        "UN Sustainable Development Goals",
        "un",
        2016,
        2030,
        (
            ("1", "Utrydde fattigdom", "No poverty"),
            ("2", "Utrydde sult", "Zero hunger"),
            ("3", "God helse og livskvalitet", "Good health and well-being"),
            ("4", "God utdanning", "Quality education"),
            ("5", "Likestilling mellom kjønnene", "Gender equality"),
            ("6", "Rent vann og gode sanitærforhold", "Clean water and sanitation"),
            ("7", "Ren energi til alle", "Affordable and clean energy"),
            ("8", "Anstendig arbeid og økonomisk vekst", "Decent work and economic growth"),
            ("9", "Innovasjon og infrastruktur", "Industry, innovation and infrastructure"),
            ("10", "Mindre ulikhet", "Reduced inequalities"),
            ("11", "Bærekraftige byer og lokalsamfunn", "Sustainable cities and communities"),
            ("12", "Ansvarlig forbruk og produksjon", "Responsible consumption and production"),
            ("13", "Stoppe klimaendringene", "Climate action"),
            ("14", "Livet i havet", "Life below water"),
            ("15", "Livet på land", "Life on land"),
            (
                "16",
                "Fred, rettferdighet og velfungerende institusjoner",
                "Peace, justice and strong institutions",
            ),
            ("17", "Samarbeid for å nå målene", "Partnerships for the goals"),
        ),
    ),
]
