"""Forms of the agenda pages. The rules are in the models and the domain functions; these forms turn typed
values into objects (an arena name through the name table, wall-clock times in the meeting's time zone)."""

from __future__ import annotations

import datetime
import zoneinfo

from django import forms
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from arena.agenda.models import DEFAULT_TIME_ZONE, Meeting, Obligation
from arena.register.models import Arena, Organisation, Person, Unit
from arena.register.normalize import normalize_name
from arena.register.structure import unit_kind_order
from arena.web.filters import ALL, KeptUnitChoiceField, UnitChoiceField
from arena.web.widgets import FastSelect

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def find_one(model, value: str):
    """One entity by id, exact name/abbreviation/alias, or a unique partial match; else a bokmål error."""
    value = (value or "").strip()
    if not value:
        return None
    if value.isdigit():
        found = model.objects.filter(pk=int(value)).first()
        if found:
            return found
    normalized = normalize_name(value)
    exact = list(model.objects.filter(aliases__normalized=normalized).distinct()[:2])
    if len(exact) == 1:
        return exact[0]
    partial = list(model.objects.filter(aliases__normalized__contains=normalized).distinct()[:2])
    if len(partial) == 1:
        return partial[0]
    if not exact and not partial:
        raise forms.ValidationError(_("Fant ingen med dette navnet."))
    raise forms.ValidationError(_("Flere passer. Skriv hele navnet eller forkortelsen."))


class EntityNameField(forms.CharField):
    def __init__(self, model, **kwargs):
        super().__init__(max_length=300, **kwargs)
        self.model = model

    def prepare_value(self, value):
        if isinstance(value, self.model):
            return value.name
        if isinstance(value, int):
            found = self.model.objects.filter(pk=value).first()
            return found.name if found else value
        return value

    def clean(self, value):
        value = super().clean(value)
        return find_one(self.model, value) if value else None


def _units():
    return Unit.objects.order_by(unit_kind_order(), "name")


def _formfield(model_field, **kwargs):
    from django.db import models

    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)


def _has_offset(raw) -> bool:
    try:
        parsed = parse_datetime(str(raw or "").strip())
    except ValueError:
        return False
    return parsed is not None and parsed.tzinfo is not None


class MeetingForm(forms.ModelForm):
    arena = EntityNameField(Arena, label=_("Arena"), help_text=_("Navn, forkortelse eller et annet navn."))
    starts_at = forms.DateTimeField(label=_("Starter"), widget=DATETIME, input_formats=["%Y-%m-%dT%H:%M"])
    ends_at = forms.DateTimeField(label=_("Slutter"), widget=DATETIME, input_formats=["%Y-%m-%dT%H:%M"])
    time_zone = forms.ChoiceField(label=_("Tidssone"), initial=DEFAULT_TIME_ZONE, widget=FastSelect)
    attendee_units = forms.ModelMultipleChoiceField(
        label=_("Deltakende enheter"), queryset=Unit.objects.none(), required=False
    )
    attendee_people = forms.ModelMultipleChoiceField(
        label=_("Deltakere"), queryset=Person.objects.order_by("family_name", "given_name"), required=False
    )
    based_on = forms.IntegerField(required=False, widget=forms.HiddenInput)

    class Meta:
        formfield_callback = _formfield
        model = Meeting
        fields = [
            "name", "kind", "arena", "series", "starts_at", "ends_at", "time_zone", "place", "online_url",
            "description", "document_links", "norway_has_delegation", "attendee_units", "attendee_people",
        ]  # fmt: skip

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.access = access
        zones = sorted(zoneinfo.available_timezones())
        self.fields["time_zone"].choices = [(z, z) for z in zones]
        allowed = access.assignable_unit_ids()
        units = _units()
        self.fields["attendee_units"].queryset = units if allowed is None else units.filter(pk__in=allowed)
        self.fields["series"].queryset = self.fields["series"].queryset.select_related("arena")
        if self.instance.pk:
            zone = self.instance.zone
            self.initial["starts_at"] = self.instance.starts_at.astimezone(zone).replace(tzinfo=None)
            self.initial["ends_at"] = self.instance.ends_at.astimezone(zone).replace(tzinfo=None)
            self.initial["arena"] = self.instance.arena.name

    def clean(self):
        data = super().clean()
        zone_name = data.get("time_zone") or DEFAULT_TIME_ZONE
        zone = zoneinfo.ZoneInfo(zone_name)
        for name in ("starts_at", "ends_at"):
            value = data.get(name)
            if not isinstance(value, datetime.datetime):
                continue
            if _has_offset(self.data.get(name)):  # an instant (the API's ISO 8601 with an offset)
                data[name] = value.astimezone(zone)
            else:  # a wall-clock time in the meeting's time zone (the page's input)
                wall = timezone.make_naive(value) if timezone.is_aware(value) else value
                data[name] = wall.replace(tzinfo=zone)
        start, end = data.get("starts_at"), data.get("ends_at")
        if start and end and end < start:
            self.add_error("ends_at", _("Møtet kan ikke slutte før det begynner."))
        return data

    def _post_clean(self):
        # The model's clean() reads the arena; it is assigned here from the typed name.
        arena = self.cleaned_data.get("arena")
        if arena is not None:
            self.instance.arena = arena
        super()._post_clean()

    def units(self):
        """The attending units: those chosen, plus (for a unit contact) other units already on the meeting."""
        chosen = list(self.cleaned_data.get("attendee_units") or [])
        allowed = self.access.assignable_unit_ids()
        if allowed is not None and self.instance.pk:
            chosen += list(self.instance.attendee_units.exclude(pk__in=allowed))
        return chosen


class ImportAgendaForm(forms.Form):
    text = forms.CharField(
        label=_("Lim inn dagsordenen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Ett punkt per linje, med nummeret først: «11.2 Antimikrobiell resistens»."),
    )
    file = forms.FileField(label=_("… eller last opp en fil (.docx eller .txt)"), required=False)

    def clean(self):
        data = super().clean()
        if not data.get("text", "").strip() and not data.get("file"):
            raise forms.ValidationError(_("Lim inn dagsordenen eller velg en fil."))
        return data


class AddItemForm(forms.Form):
    number = forms.CharField(label=_("Punkt"), max_length=20, required=False)
    title = forms.CharField(label=_("Tittel"), max_length=500)


class ConfirmForm(forms.Form):
    unit = UnitChoiceField(label=_("Ansvarlig enhet"), queryset=Unit.objects.none(), widget=FastSelect)
    deadline = forms.DateField(label=_("Frist for notat"), required=False, widget=DATE)

    def __init__(self, *args, unit_choices=None, **kwargs):
        """`unit_choices`: the drop-down's options read once for a page with a form per agenda item (the
        choices are then not queried again for each form; validation still uses the queryset)."""
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _units()
        if unit_choices is not None:
            self.fields["unit"].choices = unit_choices

    @classmethod
    def unit_choices(cls) -> list:
        return list(cls().fields["unit"].choices)


class ConfirmAllForm(forms.Form):
    deadline = forms.DateField(label=_("Frist for notatene"), required=False, widget=DATE)


class NoteForm(forms.Form):
    background = forms.CharField(
        label=_("Bakgrunn"), required=False, widget=forms.Textarea(attrs={"rows": 8, "class": "rich-text"})
    )
    position = forms.CharField(
        label=_("Norsk posisjon"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "class": "rich-text"}),
    )
    intervention = forms.CharField(
        label=_("Forslag til innlegg"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "class": "rich-text"}),
    )
    based_on = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ReturnNoteForm(forms.Form):
    comment = forms.CharField(label=_("Hva skal enheten rette?"), widget=forms.Textarea(attrs={"rows": 3}))


class DeliverDeadlineForm(forms.Form):
    remark = forms.CharField(label=_("Merknad"), required=False, max_length=1000)


class ObligationForm(forms.ModelForm):
    organisation = EntityNameField(Organisation, label=_("Mottakende organisasjon"), required=False)
    arena = EntityNameField(Arena, label=_("Arena"), required=False)
    unit = UnitChoiceField(label=_("Ansvarlig enhet"), queryset=Unit.objects.none(), widget=FastSelect)

    class Meta:
        model = Obligation
        fields = [
            "name", "description", "organisation", "arena", "unit", "recurrence", "due_month", "due_day",
            "remind_days_before", "is_active",
        ]  # fmt: skip

    def __init__(self, *args, access=None, **kwargs):  # `access`: the API passes it to every edit form
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _units()


class CalendarFilterForm(forms.Form):
    """Filters of the calendar and list views: unit, arena (typed name), kind of entry."""

    KINDS = [("", ALL), *Meeting.Kind.choices, ("deadline", _("Rapporteringsfrist"))]

    # the drop-down's options kept per process until the units change (the same list as the register's filters)
    unit = KeptUnitChoiceField(
        label=_("Enhet"),
        required=False,
        queryset=Unit.objects.none(),
        empty_label=ALL,
        widget=FastSelect,
        choices_key="units",
    )
    arena = EntityNameField(Arena, label=_("Arena"), required=False)
    kind = forms.ChoiceField(label=_("Type"), required=False, choices=KINDS, widget=FastSelect)

    def __init__(self, data, **kwargs):
        kwargs.setdefault("auto_id", "filter-%s")
        super().__init__(data, **kwargs)
        self.fields["unit"].queryset = _units()

    @property
    def is_filtered(self) -> bool:
        return any(self.data.get(field) for field in self.fields)
