"""Attribution: which unit a sentence speaks for — by inline mention, by reference, by section."""

import pytest

from arena.ingest.attribution import attribute, sentence_spans
from arena.ingest.linking import Gazetteer
from arena.ingest.proposals import propose
from arena.ingest.readers import read_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("units_db")]

REPORT = """## 2.2 De viktigste arenaene

Helsedirektoratet er nasjonalt kontaktpunkt for EUs helseprogram.

## 3.4 Divisjon for helseøkonomi og kompetanse

Helsedirektoratet deltar i ENMCA. Divisjonen deltar også i NGH.

### Nordisk samarbeid

KF-divisjonen deltar på møter i Nordisk legemiddelforum. Divisjonen leder arbeidet i WGEMA.

## 5.2 Utvalgte aktiviteter

DH- og AS-divisjonene deltar i JointAction TEHDaS. Helsedirektøren deltar i EUs helsedirektørmøte.
Helse- og omsorgsdepartementet sitter i styret til ERN (BoMS). Direktoratet deltar som bisitter.
Norge har ledet en ekspertgruppe i WHO.

Divisjon kvalitet og forløp (KF) er med i European Reference Network. De er nasjonal kontakt for JPA.
"""


@pytest.fixture(scope="module")
def gazetteer(units_db):
    return Gazetteer.from_register()


@pytest.fixture(scope="module")
def proposals(gazetteer):
    return propose(read_bytes(REPORT.encode(), "innspill-2021.md"), gazetteer)


def sentences_with_units(text, gazetteer):
    from arena.ingest.linking import link_text

    doc = read_bytes(text.encode(), "innspill.md")
    mentions = [m for b in doc.blocks for m in link_text(b.text, gazetteer, b.start)]
    directorate = next(e for e in gazetteer.entries.values() if e.register_kind == "directorate")
    return [
        (s.text, [u.short_name for u in s.units], s.how)
        for a in attribute(doc, mentions, directorate)
        for s in a.sentences
    ]


def test_sentences_are_split_without_breaking_abbreviations():
    text = "Det gjelder bl.a. WHO. Meld. St. 36 er viktig. Slutt"
    assert [text[s:e].strip() for s, e in sentence_spans(text)] == [
        "Det gjelder bl.a. WHO.",
        "Meld. St. 36 er viktig.",
        "Slutt",
    ]


def test_by_section_by_mention_and_by_reference(gazetteer):
    result = sentences_with_units(REPORT, gazetteer)
    assert result[:6] == [
        ("Helsedirektoratet er nasjonalt kontaktpunkt for EUs helseprogram.", ["Hdir"], "directorate"),
        ("Helsedirektoratet deltar i ENMCA.", ["HK"], "section"),  # a division's own section
        ("Divisjonen deltar også i NGH.", ["HK"], "reference"),
        ("KF-divisjonen deltar på møter i Nordisk legemiddelforum.", ["KF"], "mention"),
        ("Divisjonen leder arbeidet i WGEMA.", ["KF"], "reference"),  # the unit last named
        ("DH- og AS-divisjonene deltar i JointAction TEHDaS.", ["DH", "AS"], "mention"),
    ]
    assert ("Helsedirektøren deltar i EUs helsedirektørmøte.", ["Hdir"], "mention") in result
    assert ("De er nasjonal kontakt for JPA.", ["KF"], "reference") in result


def test_links_with_roles_and_evidence(proposals):
    links = {(link.unit, link.entity, link.role) for link in proposals.links}
    assert links >= {
        ("Hdir", "EUs tredje helseprogram", "contact_point"),
        ("HK", "Europeisk nettverk for kompetente myndigheter for leger", "participant"),
        ("HK", "Nordisk gruppe for helsepersonell", "participant"),
        ("KF", "Nordisk legemiddelforum", "participant"),
        ("KF", "Nordisk arbeidsgruppe for informasjons- og erfaringsutveksling på legemiddelområdet", "lead"),
        ("DH", "Joint Action om et europeisk helsedataområde", "participant"),
        ("AS", "Joint Action om et europeisk helsedataområde", "participant"),
        ("Hdir", "EUs helsedirektørmøte", "participant"),
        (
            "Hdir",
            "Styret for de europeiske referansenettverkene",
            "observer",
        ),  # "Direktoratet deltar som bisitter"
        ("KF", "Europeiske referansenettverk", "participant"),
        ("KF", "EUs felles anskaffelsesavtale", "contact_point"),
    }
    # someone else's statement, and umbrella organisations that only host, give no links
    assert not any(
        link.unit == "Hdir" and link.entity == "Verdens helseorganisasjon" for link in proposals.links
    )
    assert not any(link.entity == "Helse- og omsorgsdepartementet" for link in proposals.links)
    observer = next(link for link in proposals.links if link.role == "observer")
    assert observer.evidence == "Direktoratet deltar som bisitter."
    assert observer.section == "5.2 Utvalgte aktiviteter"
    assert proposals.document["year"] == 2021
