"""FastSelect writes the same <select> as Django's Select (only the blank lines differ), for plain, grouped and
model choices, with the chosen value selected and every value and label escaped."""

import re

import pytest
from django import forms

from arena.register.models import Unit
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
