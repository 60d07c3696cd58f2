"""Editorial texts of a year's report as plain functions: the coordinator's introductions to the report's fixed
chapters and to each priority area (area layout), and each unit's introduction and "what matters next", which
the unit's international contact writes as part of the submission (the coordinator may edit every text).

Texts are Markdown-style (arena.reporting.markup) and checked before anything is stored: a text that is too
long or has an unsafe link is refused with a bokmål message and none of the form's texts is saved. Each changed
text is one version through the register's write path (`changes.save`, action "cycle"), so its history shows
who wrote what; the step is also an entry in the cycle's or the submission's activity log. A unit's texts are
locked with its other records of the year once its submission is approved (`Access.locks`).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from arena.register import changes
from arena.register.changes import RecordLocked
from arena.register.models import Area
from arena.register.permissions import Access
from arena.reporting import markup
from arena.reporting.models import EditorialText, ReportingCycle, Submission

# Activity-log actions (labels in arena.reporting.apps).
REPORT_TEXTS_SAVED = "reporting.editorial.saved"
UNIT_TEXTS_SAVED = "reporting.editorial.unit_saved"

# The report's fixed chapters that may start with the coordinator's text: (chapter id in the builder, label).
CHAPTERS = (
    ("internasjonalt-arbeid", gettext_lazy("1 Internasjonalt arbeid i direktoratet")),
    ("satsningsomrader-og-arenaer", gettext_lazy("2 Satsningsområder og de viktigste arenaene")),
    ("enhetene", gettext_lazy("3 Enhetenes internasjonale arbeid (oppsett etter enhet)")),
    ("omradene", gettext_lazy("3 Aktiviteter etter satsningsområde (oppsett etter satsningsområde)")),
    ("utsyn", gettext_lazy("4 Hva blir viktig fremover (oppsett etter satsningsområde)")),
    ("sammenlikning", gettext_lazy("Sammenlikning med forrige år")),
)
CHAPTER_KEYS = frozenset(key for key, _label in CHAPTERS)


def cycle_texts(cycle: ReportingCycle) -> dict[tuple[str, str | int], EditorialText]:
    """The cycle's stored texts by (kind, chapter key / unit id / area id)."""
    result = {}
    for text in EditorialText.objects.filter(cycle=cycle).select_related("cycle"):
        result[(text.kind, text.chapter or text.unit_id or text.area_id)] = text
    return result


def _check(texts: dict[str, str]) -> dict[str, str]:
    """Every text checked (markup.validate) before any is stored; errors keyed by the caller's names."""
    errors = {}
    for name, text in texts.items():
        try:
            markup.validate(text)
        except ValidationError as error:
            errors[name] = error.messages
    if errors:
        raise ValidationError(errors)
    return {name: text.strip() for name, text in texts.items()}


def texts_version(cycle: ReportingCycle, unit_id: int | None = None) -> int:
    """The newest version id among the cycle's texts (of one unit, if given): what a form was opened on. Saving
    with it as `seen` refuses to overwrite a text someone else saved in the meantime (EditConflict)."""
    versions = EditorialText.history.filter(cycle_id=cycle.pk)
    if unit_id is not None:
        versions = versions.filter(unit_id=unit_id)
    return versions.aggregate(newest=Max("history_id"))["newest"] or 0


def _store(
    stored: EditorialText | None, new: EditorialText, text: str, access: Access, seen: int | None = None
) -> bool:
    """Save one text through the write path if it changed; True if it did. A text saved by anyone after the
    form's `seen` version raises EditConflict (nothing of the form is stored: the callers are atomic)."""
    changed_since = (
        stored is not None and seen is not None and (changes.latest_history_id(stored) or 0) > seen
    )
    if changed_since and stored.text != text:
        raise changes.EditConflict(stored)
    if stored is None:
        if not text:
            return False
        stored = new
    elif stored.text == text:
        return False
    stored.text = text
    changes.save(stored, by=access, action=changes.CYCLE, validate=True)
    return True


@transaction.atomic
def save_report_texts(
    cycle: ReportingCycle,
    *,
    by,
    chapters: dict[str, str] | None = None,
    areas: dict[int, str] | None = None,
    seen: int | None = None,
) -> list[str]:
    """The coordinator's chapter texts (by chapter key, see CHAPTERS) and priority-area texts (by area id);
    they may be polished after approval, like the cycle's own texts. Returns what changed, in words."""
    access = Access.of(by)
    access.require(access.can_edit_report_texts())
    chapters, areas = dict(chapters or {}), dict(areas or {})
    unknown = set(chapters) - CHAPTER_KEYS
    if unknown:
        raise ValidationError(_("Ukjent kapittel: %(keys)s.") % {"keys": ", ".join(sorted(unknown))})
    known_areas = {a.pk: a for a in Area.objects.filter(pk__in=areas)}
    if set(areas) - set(known_areas):
        raise ValidationError(_("Ukjent satsningsområde."))
    checked = _check(
        {f"chapter:{key}": text for key, text in chapters.items()}
        | {f"area:{pk}": text for pk, text in areas.items()}
    )
    stored = cycle_texts(cycle)
    labels = dict(CHAPTERS)
    changed = []
    for key in chapters:
        new = EditorialText(cycle=cycle, kind=EditorialText.Kind.CHAPTER, chapter=key)
        if _store(
            stored.get((EditorialText.Kind.CHAPTER, key)), new, checked[f"chapter:{key}"], access, seen
        ):
            changed.append(str(labels[key]))
    for pk in areas:
        new = EditorialText(cycle=cycle, kind=EditorialText.Kind.AREA, area=known_areas[pk])
        if _store(stored.get((EditorialText.Kind.AREA, pk)), new, checked[f"area:{pk}"], access, seen):
            changed.append(known_areas[pk].name)
    if changed:
        changes.log(REPORT_TEXTS_SAVED, cycle, by=access, texts=", ".join(changed))
    return changed


@transaction.atomic
def save_unit_texts(
    submission: Submission, *, by, intro: str, next_steps: str, seen: int | None = None
) -> list[str]:
    """The unit's introduction (start of its section) and "what matters next" (its end) in the year's report.
    A unit contact writes them while the submission is a draft or returned; approval locks them (reopen the
    submission first). The coordinator may always edit them. Returns what changed, in words."""
    access = Access.of(by)
    cycle = submission.cycle
    if not access.can_edit_unit_texts(submission):
        access.require(access.can_edit_submission(submission))
        # The unit's own contact, refused for a reason they should hear:
        if submission.unit_id in access.locked_unit_ids(cycle.year):
            raise RecordLocked(cycle.year)
        if not cycle.is_open:
            raise ValidationError(
                _("Rapporteringsrunden for %(year)d er godkjent og kan ikke endres.") % {"year": cycle.year}
            )
        raise ValidationError(
            _("Innspillet er levert og kan ikke endres før koordinator sender det tilbake.")
        )
    checked = _check({"intro": intro, "next_steps": next_steps})
    stored = cycle_texts(cycle)
    changed = []
    for kind, name in (
        (EditorialText.Kind.UNIT_INTRO, "intro"),
        (EditorialText.Kind.UNIT_NEXT, "next_steps"),
    ):
        new = EditorialText(cycle=cycle, kind=kind, unit=submission.unit)
        if _store(stored.get((kind, submission.unit_id)), new, checked[name], access, seen):
            changed.append(str(EditorialText.Kind(kind).label))
    if changed:
        changes.log(UNIT_TEXTS_SAVED, submission, by=access, texts=", ".join(changed))
    return changed


def unit_texts(submission: Submission) -> tuple[str, str]:
    """The unit's (introduction, what matters next) as stored."""
    texts = {
        t.kind: t.text
        for t in EditorialText.objects.filter(
            cycle_id=submission.cycle_id, unit_id=submission.unit_id, kind__in=EditorialText.UNIT_KINDS
        )
    }
    return texts.get(EditorialText.Kind.UNIT_INTRO, ""), texts.get(EditorialText.Kind.UNIT_NEXT, "")
