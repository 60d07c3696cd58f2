"""Normalising names for lookup: one function, used by the database rows and the queries alike."""

import re
import unicodedata

_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_QUOTES = re.compile(r"[\u2018\u2019\u201a\u201b\u2032`´]")
_SPACE = re.compile(r"\s+")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")


def normalize_name(text: str) -> str:
    """Fold case and width, unify dashes, quotes and white space: 'Verdens  Helseorganisasjon' == 'verdens
    helseorganisasjon'. Norwegian letters (æ, ø, å) are kept as they are: they are distinct letters."""
    text = unicodedata.normalize("NFKC", text or "")
    text = _INVISIBLE.sub("", text)
    text = _DASHES.sub("-", text)
    text = _QUOTES.sub("'", text)
    text = _SPACE.sub(" ", text).strip()
    return text.casefold()
