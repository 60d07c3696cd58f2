"""Forms of the monitoring pages. Names (source, countries) are typed and resolved through the register's name
table and country names, never long drop-downs."""

import datetime

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from arena.monitoring.models import CountryAssessment, FeedSource, MonitoringItem, SituationReport, Topic
from arena.register.models import Country
from arena.register.names import find_arenas, find_organisations


def _formfield(model_field, **kwargs):
    from django.db import models

    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"  # a web address typed without a scheme means https
    return model_field.formfield(**kwargs)


def resolve_countries(text: str) -> tuple[list[Country], list[str]]:
    """Countries named in `text` (comma-separated ISO codes or bokmål/English names) and the names not found."""
    found, missing = [], []
    for part in (p.strip() for p in text.replace(";", ",").split(",")):
        if not part:
            continue
        country = Country.objects.filter(
            Q(code__iexact=part) | Q(code3__iexact=part) | Q(name__iexact=part) | Q(name_en__iexact=part)
        ).first()
        if country is None:
            missing.append(part)
        elif country not in found:
            found.append(country)
    return found, missing


class PasteForm(forms.Form):
    text = forms.CharField(
        label=_("Lim inn e-post eller tekst"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Emne, dato og avsender leses fra toppen; land, organisasjoner og arenaer kobles til registeret."
        ),
    )


class ItemForm(forms.ModelForm):
    source = forms.CharField(
        label=_("Kilde"),
        required=False,
        max_length=300,
        help_text=_("En organisasjon eller arena i registeret (navn eller forkortelse), eller fritekst."),
    )
    country_names = forms.CharField(
        label=_("Land"),
        required=False,
        max_length=2000,
        help_text=_("Landnavn eller landkoder, skilt med komma."),
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Temaer"), queryset=Topic.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = MonitoringItem
        formfield_callback = _formfield
        fields = [
            "date",
            "title",
            "source_kind",
            "reference",
            "link",
            "summary",
            "assessment",
            "relevance",
            "unit",
            "access_level",
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "summary": forms.Textarea(attrs={"rows": 5}),
            "assessment": forms.Textarea(attrs={"rows": 3}),
            "relevance": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        item = self.instance
        if item.pk and not self.is_bound:
            self.initial["source"] = item.source_display
            self.initial["country_names"] = ", ".join(c.display_name for c in item.countries.all())
            self.initial["topics"] = list(item.topics.all())

    def clean_country_names(self):
        countries, missing = resolve_countries(self.cleaned_data.get("country_names", ""))
        if missing:
            raise forms.ValidationError(_("Ukjent land: %(names)s.") % {"names": ", ".join(missing)})
        self.countries = countries
        return self.cleaned_data["country_names"]

    def clean(self):
        data = super().clean()
        source = (data.get("source") or "").strip()
        item = self.instance
        item.source_organisation = item.source_arena = None
        item.source_text = ""
        if source:
            organisation = find_organisations(source).first()
            arena = None if organisation else find_arenas(source).first()
            item.source_organisation, item.source_arena = organisation, arena
            if organisation is None and arena is None:
                item.source_text = source
        return data


class AssessmentForm(forms.ModelForm):
    class Meta:
        model = CountryAssessment
        fields = ["measures", "health_services", "testing_vaccination", "lessons"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in fields}


class NewAssessmentForm(forms.Form):
    country = forms.ModelChoiceField(label=_("Land"), queryset=Country.objects.none())
    week_of = forms.DateField(
        label=_("En dag i uken"), widget=forms.DateInput(attrs={"type": "date"}), initial=datetime.date.today
    )

    def __init__(self, *args, situation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = situation.countries.order_by("name")


class NewReportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=SituationReport.Kind.choices)
    day = forms.DateField(
        label=_("En dag i perioden"),
        widget=forms.DateInput(attrs={"type": "date"}),
        initial=datetime.date.today,
    )
    distribution = forms.CharField(
        label=_("Distribusjonsliste"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReportTextForm(forms.ModelForm):
    class Meta:
        model = SituationReport
        fields = ["title", "summary", "distribution"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 6}),
            "distribution": forms.Textarea(attrs={"rows": 2}),
        }

    def clean_distribution(self):
        from django.core.validators import validate_email

        value = self.cleaned_data["distribution"]
        report = SituationReport(distribution=value)
        for address in report.recipients:
            try:
                validate_email(address)
            except forms.ValidationError as error:
                raise forms.ValidationError(
                    _("«%(address)s» er ikke en gyldig e-postadresse.") % {"address": address}
                ) from error
        return value


class FeedForm(forms.ModelForm):
    class Meta:
        model = FeedSource
        formfield_callback = _formfield
        fields = ["name", "url", "source_kind"]
