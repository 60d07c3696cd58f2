"""The reference data as loaded into the database: hierarchy, names in both languages, and the names the two
reports use resolving to the right entries."""

import pytest

from arena.register.models import Area, Arena, Country, Framework, Organisation
from arena.register.names import find_arenas, find_organisations
from arena.register.reference.frameworks import HOD_STRATEGY


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
