"""Characters XML cannot hold (U+0001 …): stripped when a register row is saved, and harmless to every report
renderer even when they reach the database some other way."""

import io

import docx
import pytest

from arena.register.models import Activity, Organisation
from arena.register.text import xml_safe
from arena.reporting.builder import build_report
from arena.reporting.renderers import render

pytestmark = pytest.mark.django_db


def test_xml_safe_keeps_text_and_ordinary_white_space():
    assert xml_safe("Tab\tog linje\nskift\r æøå – «sitat» 😀") == "Tab\tog linje\nskift\r æøå – «sitat» 😀"
    assert xml_safe("a\x00b\x01c\x08d\x0be\x0cf\x1fg\ufffeh\uffffi") == "abcdefghi"


def test_saving_strips_them_from_every_text_field(sample):
    activity = sample.activity_2019
    activity.title = "Forberedelse\x01 til helseforsamlingen"
    activity.description = "Innspill\x01 til norsk\x1f posisjon.\nNy linje."
    activity.save()
    activity.refresh_from_db()
    assert activity.title == "Forberedelse til helseforsamlingen"
    assert activity.description == "Innspill til norsk posisjon.\nNy linje."
    organisation = Organisation.objects.create(kind=Organisation.Kind.INTERNATIONAL, name="Kontroll\x02organ")
    organisation.refresh_from_db()
    assert organisation.name == "Kontrollorgan" and organisation.aliases.filter(name="Kontrollorgan").exists()


def test_a_control_character_in_a_description_does_not_break_the_years_reports(sample):
    # written past the model's save (an old row, a bulk update): the renderers must cope on their own
    Activity.objects.filter(pk=sample.activity_2019.pk).update(description="Innspill\x01 til norsk posisjon.")
    report = build_report(2019, "unit")
    document = docx.Document(io.BytesIO(render(report, "docx")))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Innspill til norsk posisjon." in text
    html = render(build_report(2019, "unit"), "html").decode()
    assert "Innspill til norsk posisjon." in html and "\x01" not in html
    assert render(build_report(2019, "area"), "pdf").startswith(b"%PDF-")
