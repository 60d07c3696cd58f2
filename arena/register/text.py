"""Text the register can always write out: characters XML 1.0 cannot hold are stripped from every text field.

XML (and so DOCX, PDF/A metadata and XHTML) has no place for the C0 control characters other than tab, line
feed and carriage return (U+0001 …), lone surrogates or U+FFFE/U+FFFF. One such character pasted into a
description would make the year's DOCX report fail. `xml_safe()` removes them; `strip_unsafe_characters` (a
pre_save receiver for every model of the register, reporting and import apps, connected in
RegisterConfig.ready) applies it to every CharField and TextField before a row is written, and the report
renderers apply it to the report model (reporting.document.xml_safe_report) for anything that did not come
through a model's save.
"""

import re

XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
APPS = ("register", "reporting", "ingest")


def xml_safe(text: str) -> str:
    """The text without the characters XML cannot hold (tab, line feed and carriage return are kept)."""
    if not text or not XML_UNSAFE.search(text):
        return text
    return XML_UNSAFE.sub("", text)


def strip_unsafe_characters(sender, instance, raw=False, **kwargs) -> None:
    """pre_save: strip XML-unsafe characters from the instance's text fields."""
    from django.db import models

    if sender._meta.app_label not in APPS:
        return
    for field in sender._meta.concrete_fields:
        if isinstance(field, (models.CharField, models.TextField)):
            value = getattr(instance, field.attname)
            if isinstance(value, str):
                cleaned = xml_safe(value)
                if cleaned is not value:
                    setattr(instance, field.attname, cleaned)
