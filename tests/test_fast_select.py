"""FastSelect writes the same <select> as Django's Select (only the blank lines differ), for plain, grouped and
model choices, with the chosen value selected and every value and label escaped."""

import re

import pytest
from django import forms

from arena.register.models import Country, Unit
from arena.web.widgets import FastSelect

CHOICES = [
    ("", "Alle"),
    ("a&b", "Tom & <Jerry>"),
    ("Grupper", [("1", "Én"), ("2", "To")]),
    ("3", "Tre"),
]


def _squash(html: str) -> str:
    """The markup without blank lines and with each tag's attributes in one order (attribute order carries no
    meaning in HTML)."""

    def tag(match):
        name, rest = match.group(1), match.group(2)
        attributes = sorted(re.findall(r'\s([\w-]+(?:="[^"]*")?)', rest))
        return "<" + " ".join([name, *attributes]) + ">"

    return re.sub(r"<(\w+)((?:\s[^>]*)?)>", tag, re.sub(r">\s+<", "><", html.strip()))


@pytest.mark.parametrize("value", [None, "", "a&b", "2", "3", "finnes ikke"])
def test_same_markup_as_djangos_select(value):
    attrs = {"id": "id_felt", "class": "x", "required": True}
    django = forms.Select(choices=CHOICES).render("felt", value, attrs)
    fast = FastSelect(choices=CHOICES).render("felt", value, attrs)
    assert _squash(fast) == _squash(django)
    assert "&lt;Jerry&gt;" in fast and 'value="a&amp;b"' in fast


@pytest.mark.django_db
def test_model_choices_select_the_chosen_row():
    kf = Unit.objects.create(name="Divisjon for kvalitet og forløp", abbreviation="KF")
    Unit.objects.create(name="Divisjon for folkehelse og forebygging", abbreviation="FF")

    class Form(forms.Form):
        unit = forms.ModelChoiceField(Unit.objects.order_by("name"), widget=FastSelect, required=False)

    class Plain(forms.Form):
        unit = forms.ModelChoiceField(Unit.objects.order_by("name"), required=False)

    fast, django = str(Form({"unit": kf.pk})["unit"]), str(Plain({"unit": kf.pk})["unit"])
    assert _squash(fast) == _squash(django)
    assert f'<option value="{kf.pk}" selected>' in fast


@pytest.mark.django_db(transaction=True)  # the kept lists are kept only outside a transaction
def test_a_kept_reference_list_writes_djangos_markup_and_is_renewed_when_its_table_changes():
    from arena.web.filters import KeptModelChoiceField

    norway = Country.objects.create(code="NO", code3="NOR", name="Norge")

    class Form(forms.Form):
        country = KeptModelChoiceField(
            Country.objects.order_by("name"), choices_key="countries", widget=FastSelect, required=False
        )

    class Plain(forms.Form):
        country = forms.ModelChoiceField(Country.objects.order_by("name"), required=False)

    for data in ({}, {"country": ""}, {"country": norway.pk}):
        assert _squash(str(Form(data)["country"])) == _squash(str(Plain(data)["country"])), data
    assert f'<option value="{norway.pk}" selected>' in str(Form({"country": norway.pk})["country"])

    Country.objects.create(code="SE", code3="SWE", name="Sverige & <Åland>")  # a change renews the list
    for data in ({}, {"country": ""}):
        fast = str(Form(data)["country"])
        assert _squash(fast) == _squash(str(Plain(data)["country"]))
        assert "Sverige &amp; &lt;Åland&gt;" in fast
