"""Forms of the reporting pages; labels and messages in bokmål through gettext."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from arena.register.models import GuidingDocument
from arena.reporting.models import Layout, ReportingCycle


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
            "preface": _("Tomme avsnitt skiller avsnitt. Tomt forord: kapitlet utelates."),
            "summary": _("Står før tallene for året, som lages fra registeret."),
        }


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
