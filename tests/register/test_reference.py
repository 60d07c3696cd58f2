"""The reference data shipped with Arena: internally consistent, loadable twice, and covering the names the two
annual reports use."""

import pycountry
import pytest

from arena.register.models import Area, Arena, Country, Framework, GuidingDocument, Organisation
from arena.register.names import find_arenas, find_organisations
from arena.register.reference.arenas import ARENAS
from arena.register.reference.frameworks import FRAMEWORKS, HOD_STRATEGY, SDG
from arena.register.reference.load import load_reference
from arena.register.reference.organisations import ORGANISATIONS

ORG_KINDS = set(Organisation.Kind.values)
ARENA_KINDS = set(Arena.Kind.values)


def test_keys_are_unique_and_parents_come_first():
    for entries in (ORGANISATIONS, ARENAS):
        seen = set()
        for entry in entries:
            assert entry.key not in seen, f"duplicate key {entry.key}"
            assert entry.parent is None or entry.parent in seen, (
                f"{entry.key}: parent {entry.parent} not before it"
            )
            seen.add(entry.key)


def test_entries_are_complete_and_valid():
    org_keys = {o.key for o in ORGANISATIONS}
    for org in ORGANISATIONS:
        assert org.name and org.name_en, org.key
        assert org.kind in ORG_KINDS, org.key
        assert org.country is None or pycountry.countries.get(alpha_2=org.country), org.key
    for arena in ARENAS:
        assert arena.name and arena.name_en, arena.key
        assert arena.kind in ARENA_KINDS, arena.key
        assert arena.organisation is None or arena.organisation in org_keys, arena.key
        assert all(pycountry.countries.get(alpha_2=c) for c in arena.countries), arena.key
        assert arena.start is None or arena.end is None or arena.start <= arena.end, arena.key


def test_names_and_abbreviations_do_not_collide():
    for entries in (ORGANISATIONS, ARENAS):
        names = [e.name for e in entries]
        assert len(names) == len(set(names))
        abbreviations = [(e.kind, e.abbreviation) for e in entries if e.abbreviation]
        assert len(abbreviations) == len(set(abbreviations))


def test_frameworks_have_the_six_priority_areas_and_seventeen_goals():
    by_code = {f.code: f for f in FRAMEWORKS}
    assert len(by_code[HOD_STRATEGY].areas) == 6
    assert len(by_code[SDG].areas) == 17
    assert [code for code, _, _ in by_code[SDG].areas] == [str(n) for n in range(1, 18)]


@pytest.mark.django_db
def test_load_creates_everything_once():
    first = load_reference()
    assert first["organisations"] == len(ORGANISATIONS)
    assert first["arenas"] == len(ARENAS)
    assert first["countries"] == len(pycountry.countries)
    assert first["frameworks_and_areas"] == 2 + 6 + 17
    assert load_reference() == dict.fromkeys(first, 0)
    assert Organisation.objects.count() == len(ORGANISATIONS)
    assert GuidingDocument.objects.filter(countries__code="CN").exists()


@pytest.mark.django_db
def test_load_never_overwrites_a_users_correction():
    load_reference()
    who = Organisation.objects.get(key="who")
    who.name_en = "WHO (corrected by the coordinator)"
    who.save()
    load_reference()
    who.refresh_from_db()
    assert who.name_en == "WHO (corrected by the coordinator)"


@pytest.mark.usefixtures("reference_db")
@pytest.mark.django_db
class TestLoadedReference:
    def test_hierarchy_is_stored(self):
        assert Organisation.objects.get(key="who-euro").parent.key == "who"
        assert Arena.objects.get(key="ja-terror").parent.key == "eu-health-programme"
        assert Arena.objects.get(key="ja-terror").organisation.key == "ec"
        assert set(Arena.objects.get(key="eea-grants").countries.values_list("code", flat=True)) == {
            "EE",
            "SK",
            "PL",
            "RO",
        }

    def test_countries_have_norwegian_and_english_names(self):
        assert Country.objects.get(code="NO").name == "Norge"
        assert Country.objects.get(code="NO").name_en == "Norway"
        assert Country.objects.get(code="EE").name == "Estland"
        assert Country.objects.get(code="RU").name == "Russland"

    def test_framework_areas_are_named_in_both_languages(self):
        hod = Framework.objects.get(code=HOD_STRATEGY)
        assert list(hod.areas.values_list("name", flat=True)) == [
            "Universell helsedekning",
            "Helsesikkerhet og -beredskap",
            "Ikke-smittsomme sykdommer",
            "Digital helse",
            "Grønn helse",
            "Forskning og innovasjon",
        ]
        assert not Area.objects.filter(name_en="").exists()

    @pytest.mark.parametrize(
        "surface, key",
        [
            ("Verdens helseorganisasjon", "who"),
            ("WHO", "who"),
            ("WHO EURO", "who-euro"),
            ("EU", "eu"),
            ("Den europeiske union", "eu"),
            ("EU-kommisjonen", "ec"),
            ("OECD", "oecd"),
            ("FN", "un"),
            ("Europarådet", "coe"),
            ("Nordisk ministerråd", "ncm"),
            ("ILO", "ilo"),
            ("FAO", "fao"),
            ("HOD", "hod"),
            ("Utenriksdepartementet", "ud"),
            ("FHI", "fhi"),
            ("Norad", "norad"),
            ("DSB", "dsb"),
            ("Statistisk sentralbyrå", "ssb"),
            ("KS", "ks"),
            ("Kommunenes sentralforbund", "ks"),
            ("ECDC", "ecdc"),
            ("NKVTS", "nkvts"),
            ("Forskningsrådet", "forskningsradet"),
        ],
    )
    def test_organisations_named_in_the_reports_are_found(self, surface, key):
        assert [o.key for o in find_organisations(surface)] == [key]

    @pytest.mark.parametrize(
        "surface, key",
        [
            ("helseforsamlingen", "wha"),
            ("Verdens helseforsamling", "wha"),
            ("regionalkomiteen", "who-euro-rc"),
            ("Health Security Committee", "hsc"),
            ("ENMCA", "enmca"),
            ("NGH", "ngh"),
            ("NOMESKO", "nomesko"),
            ("NOSOSKO", "nososko"),
            ("WGEMA", "wgema"),
            ("ESAN", "esan"),
            ("HSPA", "hspa"),
            ("HCQI", "hcqi"),
            ("DH-BIO", "dh-bio"),
            ("CND", "cnd"),
            ("FNs narkotikakommisjon", "cnd"),
            ("JAMRAI", "ja-jamrai"),
            ("SHARP Joint Action", "ja-sharp"),
            ("Joint Action TERROR", "ja-terror"),
            ("InfAct", "ja-infact"),
            ("TEHDaS", "ja-tehdas"),
            ("iPAAC", "ja-ipaac"),
            ("NFP4Health", "ja-nfp4health"),
            ("EU4Health", "eu4health"),
            ("RescEU", "resceu"),
            ("EØS-midlene", "eea-grants"),
            ("Svalbard-gruppen", "svalbard-group"),
            ("Svalbardgruppen", "svalbard-group"),
            ("NKMT", "nkmt"),
            ("CCNFSDU", "ccnfsdu"),
            ("CAPSCA", "capsca"),
            ("PHIRI", "phiri"),
            ("CD-P-TO", "cd-p-to"),
            ("Pompidou-gruppen", "pompidou"),
            ("M-POHL-konsortiet", "m-pohl"),
            ("HLS-19", "hls-19"),
            ("NNR2022", "nnr2022"),
            ("European Reference Network", "ern"),
            ("Nordisk legemiddelforum", "nordic-pharma-forum"),
            ("Joint Procurement Agreements", "jpa"),
            ("IMI", "imi"),
        ],
    )
    def test_arenas_named_in_the_reports_are_found(self, surface, key):
        assert [a.key for a in find_arenas(surface)] == [key]
