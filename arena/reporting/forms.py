"""Forms of the reporting pages; labels and messages in bokmål through gettext."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from arena.register.models import GuidingDocument
from arena.reporting import markup
from arena.reporting.editorial import CHAPTERS
from arena.reporting.models import Layout, ReportingCycle

MARKUP_HELP = _(
    "Tomme linjer skiller avsnitt. *kursiv*, **fet**, punktlister med - og nummererte med 1., lenker som "
    "[tekst](https://…), fotnoter som tekst[^1] med fotnoten på egen linje: [^1]: Fotnoten. HTML vises som tekst."
)


def markup_field(label, help_text=MARKUP_HELP, rows: int = 5) -> forms.CharField:
    """A text with Markdown-style formatting (arena.reporting.markup): length and links checked."""
    return forms.CharField(
        label=label,
        required=False,
        strip=True,
        help_text=help_text,
        validators=[markup.validate],
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class OpenCycleForm(forms.Form):
    year = forms.IntegerField(label=_("År"), min_value=1990, max_value=2100)
    deadline = forms.DateField(label=_("Frist for innspill"), widget=forms.DateInput(attrs={"type": "date"}))
    instructions = forms.CharField(
        label=_("Veiledning til enhetene"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline < timezone.localdate():
            raise forms.ValidationError(_("Fristen er passert. Velg en frist som er i dag eller senere."))
        return deadline

    def clean_year(self):
        year = self.cleaned_data["year"]
        if ReportingCycle.objects.filter(year=year).exists():
            raise forms.ValidationError(_("Det finnes allerede en rapporteringsrunde for dette året."))
        return year


class EditorialTextsForm(forms.ModelForm):
    guiding_documents = forms.ModelMultipleChoiceField(
        label=_("Styrende dokumenter i vedlegget"),
        queryset=GuidingDocument.objects.order_by("category", "title"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Ingen valgt: alle dokumenter som gjaldt i året."),
    )

    class Meta:
        model = ReportingCycle
        fields = ["preface", "about", "summary", "afterword", "guiding_documents"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 6}) for name in ("preface", "about", "summary", "afterword")
        }
        help_texts = {
            "preface": _("Tomt forord: kapitlet utelates."),
            "summary": _("Står før tallene for året, som lages fra registeret."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("preface", "about", "summary", "afterword"):
            field = self.fields[name]
            field.validators.append(markup.validate)
            field.help_text = f"{field.help_text} {MARKUP_HELP}".strip()


class ReportTextsForm(forms.Form):
    """The coordinator's introductions to the report's fixed chapters and to each priority area."""

    seen = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, areas=(), texts=None, **kwargs):
        super().__init__(*args, **kwargs)
        texts = texts or {}
        for key, label in CHAPTERS:
            self.fields[f"chapter_{key}"] = markup_field(label, help_text="")
            self.initial.setdefault(f"chapter_{key}", texts.get(("chapter", key), ""))
        self.areas = list(areas)
        for area in self.areas:
            self.fields[f"area_{area.pk}"] = markup_field(area.name, help_text="")
            self.initial.setdefault(f"area_{area.pk}", texts.get(("area", area.pk), ""))

    def chapter_texts(self) -> dict[str, str]:
        return {key: self.cleaned_data[f"chapter_{key}"] for key, _label in CHAPTERS}

    def area_texts(self) -> dict[int, str]:
        return {area.pk: self.cleaned_data[f"area_{area.pk}"] for area in self.areas}


class UnitTextsForm(forms.Form):
    """A unit's introduction and "what matters next" in the year's report (part of its submission)."""

    seen = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=0)

    intro = markup_field(
        _("Innledning"),
        help_text=_("Står først i enhetens del av årsmeldingen (oppsettet etter enhet)."),
    )
    next_steps = markup_field(
        _("Hva blir viktig fremover"),
        help_text=_(
            "Står sist i enhetens del, og under «Hva blir viktig fremover» i oppsettet etter område."
        ),
    )


class RemarksForm(forms.Form):
    remarks = forms.CharField(
        label=_("Merknad til koordinator"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Hva er rettet eller lagt til i registeret, og hva mangler."),
    )


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Kommentar til enheten"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Hva må rettes før innspillet kan godkjennes."),
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Hvorfor må innspillet åpnes igjen?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Koordinator får beskjed. Lever innspillet på nytt når endringene er gjort."),
    )


class IssueForm(forms.Form):
    layout = forms.ChoiceField(label=_("Oppsett"), choices=Layout.choices, initial=Layout.UNIT)
