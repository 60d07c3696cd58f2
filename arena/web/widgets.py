"""A drop-down that renders its options in Python.

Django renders each <option> through two template includes; for the filter forms' long lists (about 250
countries) that was most of a list page's time. `FastSelect` writes the same markup as Django's select.html and
select_option.html (less blank lines), escaping values and labels, so pages look and behave as before.
"""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe


class FastSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        # The widget's own attributes as Django builds them, but not its per-option dictionaries (optgroups), which
        # cost more than the markup: the options are written straight from the choices.
        widget = forms.Widget.get_context(self, name, value, attrs)["widget"]
        chosen = frozenset(self.format_value(value))
        kept = getattr(self.choices, "unselected_options", None)  # a kept reference list (web/filters.py)
        if kept is not None and chosen <= {""}:
            options = kept(chosen)
        else:
            options = options_markup(self.choices, chosen)
        return mark_safe(  # noqa: S308 - the name and attributes are escaped here, the options in options_markup
            f'<select name="{escape(widget["name"])}"{flatatt(widget["attrs"])}>{options}\n</select>'
        )


def options_markup(choices, chosen: frozenset[str]) -> str:
    """The <option> (and <optgroup>) elements of `choices`, the first one whose value is in `chosen` selected."""
    parts = []
    found = False

    def option(option_value, label):
        nonlocal found
        text = "" if option_value is None else str(option_value)
        selected = not found and text in chosen
        found = found or selected
        parts.append(
            f'\n  <option value="{escape(text)}"{" selected" if selected else ""}>{conditional_escape(label)}</option>'
        )

    for option_value, label in choices:
        if isinstance(label, list | tuple):  # a group: (name, [(value, label), …])
            parts.append(f'\n  <optgroup label="{escape(option_value)}">')
            for sub_value, sub_label in label:
                option(sub_value, sub_label)
            parts.append("\n  </optgroup>")
        else:
            option(option_value, label)
    return "".join(parts)


# A choice list longer than this is not rendered in full: the picker (arena/forms.js) searches instead.
SMALL_CHOICE_LIST = 300


class PickerMixin:
    """A select the picker script turns into an ARIA 1.2 combobox that searches `url` as one types. Without the
    script it stays a plain select — with every option when the list is small (SMALL_CHOICE_LIST), else with
    only the chosen ones (they can be kept or removed, and the form still posts ids)."""

    def __init__(self, url: str, attrs=None):
        super().__init__(attrs)
        self.url = url

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].update({"data-picker": self.url})
        return context

    def optgroups(self, name, value, attrs=None):
        queryset = getattr(self.choices, "queryset", None)
        if queryset is None or queryset.count() <= SMALL_CHOICE_LIST:
            return super().optgroups(name, value, attrs)
        ids = [v for v in value if str(v).isdigit()]
        chosen = [(obj.pk, str(obj)) for obj in queryset.filter(pk__in=ids)] if ids else []
        empty = [] if self.allow_multiple_selected else [("", "---------")]
        full, self.choices = self.choices, empty + chosen
        try:
            return super().optgroups(name, value, attrs)
        finally:
            self.choices = full


class PickerSelect(PickerMixin, forms.Select):
    pass


class PickerSelectMultiple(PickerMixin, forms.SelectMultiple):
    pass
