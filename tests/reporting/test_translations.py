"""The report's words come from translations: the English and nynorsk catalogues are complete and compiled, and
building in nynorsk changes every label while the register's own text stays as written."""

import ast
import gettext
from pathlib import Path

import pytest

from arena.reporting.builder import build_report
from arena.reporting.document import iter_headings

LOCALE = Path(__file__).resolve().parents[2] / "arena" / "reporting" / "locale"


def _entries(path: Path) -> list[dict]:
    entries, entry, keyword = [], {"flags": []}, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = line.strip()
        if not line:
            if len(entry) > 1:
                entries.append(entry)
            entry, keyword = {"flags": []}, None
        elif line.startswith("#,"):
            entry["flags"] += [flag.strip() for flag in line[2:].split(",")]
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[keyword] += ast.literal_eval(line)
        else:
            keyword, _, text = line.partition(" ")
            entry[keyword] = ast.literal_eval(text)
    return [e for e in entries if e.get("msgid")]


@pytest.mark.parametrize("language", ["en", "nn"])
def test_catalogue_is_complete_and_compiled(language):
    folder = LOCALE / language / "LC_MESSAGES"
    entries = _entries(folder / "django.po")
    assert len(entries) > 200
    with (folder / "django.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    for entry in entries:
        assert "fuzzy" not in entry["flags"], entry["msgid"]
        if "msgid_plural" in entry:
            for n, key in ((1, "msgstr[0]"), (2, "msgstr[1]")):
                assert entry[key], entry["msgid"]
                assert compiled.ngettext(entry["msgid"], entry["msgid_plural"], n) == entry[key], (
                    "run compilemessages"
                )
        else:
            assert entry["msgstr"], entry["msgid"]
            assert compiled.gettext(entry["msgid"]) == entry["msgstr"], "run compilemessages"
        # Placeholders survive translation.
        source = entry["msgid"] + entry.get("msgid_plural", "")
        for placeholder in {p for p in source.split("%(")[1:]}:
            name = placeholder.split(")")[0]
            translated = entry.get("msgstr", "") + entry.get("msgstr[1]", "")
            assert f"%({name})" in translated, (entry["msgid"], name)


@pytest.mark.django_db
@pytest.mark.usefixtures("demo_db")
def test_the_report_in_nynorsk_changes_the_labels_not_the_register_text():
    bokmal = build_report(2019, "unit")
    nynorsk = build_report(2019, "unit", language="nn")
    assert nynorsk.language == "nn" and bokmal.language == "nb"
    nb_titles = [part.title for _level, part in iter_headings(bokmal)]
    nn_titles = [part.title for _level, part in iter_headings(nynorsk)]
    assert "Sammendrag" in nb_titles and "Samandrag" in nn_titles and "Sammendrag" not in nn_titles
    assert "Kva blir viktig framover" in nn_titles
    assert nynorsk.labels["contents"] == "Innhald"
    # Unit names are register data and stay as written.
    assert "Divisjon for kvalitet og forløp" in nn_titles
