"""The active language as every page, list and report reads it — one way of doing each of these:

- `is_english()`: whether names are shown in English (the register holds bokmål and English names; nynorsk
  pages show the bokmål ones);
- `name_in()` and `local_name()`: an entity's name in that language, the bokmål name where no English one is
  filled in;
- `choice_labels()`: a Choices class's labels in the active language, translated once per class and language
  (lists read them for every row);
- `DayFormat`: dates in a format, each day formatted once (a page of rows has few distinct days).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from types import MappingProxyType

from django.db import models
from django.utils import formats
from django.utils.translation import get_language


def is_english(language: str | None = None) -> bool:
    """`language`, else the active one, is English."""
    return (language or get_language() or "").startswith("en")


def name_in(name: str, name_en: str, english: bool) -> str:
    return name_en if english and name_en else name


def local_name(entity, english: bool | None = None) -> str:
    """The entity's (unit, organisation, arena, framework, area…) name in the active language, or in English
    when `english`; "" for None, and str() for anything without a name."""
    if entity is None:
        return ""
    name = getattr(entity, "name", None)
    if name is None:
        return str(entity)
    return name_in(name, getattr(entity, "name_en", ""), is_english() if english is None else english)


_labels: dict[tuple[type, str | None], Mapping[str, str]] = {}


def choice_labels(choices: type[models.Choices]) -> Mapping[str, str]:
    """value → label of `choices` in the active language (read-only; kept per class and language)."""
    key = (choices, get_language())
    labels = _labels.get(key)
    if labels is None:
        labels = _labels[key] = MappingProxyType({value: str(label) for value, label in choices.choices})
    return labels


class DayFormat:
    """`DayFormat("SHORT_DATE_FORMAT")(day)`: the day in that format (a format setting's name or a format
    string), in the active language; each day is formatted once per instance — make one per page."""

    def __init__(self, format: str):
        self.format = format
        self.done: dict[datetime.date, str] = {}

    def __call__(self, day: datetime.date | None) -> str:
        if day is None:
            return ""
        text = self.done.get(day)
        if text is None:
            text = self.done[day] = formats.date_format(day, self.format)
        return text
