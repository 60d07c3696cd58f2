"""Writing through the API: JSON in, the edit page's form validates it (so the rules are the pages' rules), the
register's write path stores it as one attributed version labelled "api". Plain functions, called by the views
and by tests."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from django.db.models import ProtectedError
from django.forms.models import model_to_dict
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError

from arena.api.problems import InUse, PreconditionFailed
from arena.api.resources import Resource
from arena.register import changes
from arena.register.changes import ANY, EditConflict
from arena.register.models.names import other_names
from arena.register.permissions import Access

API = "api"
LARGEST_INT = 2**62  # beyond any id or year; refused before it reaches the database
READ_ONLY = {"id", "label", "version"}


def _check_numbers(name, value, errors):
    values = value if isinstance(value, list) else [value]
    for v in values:
        if isinstance(v, int) and not isinstance(v, bool) and abs(v) > LARGEST_INT:
            errors[name] = [_("Tallet er for stort.")]


def form_data(resource: Resource, instance, data, *, partial: bool) -> dict:
    """The request's JSON as the edit form's data; with `partial`, the stored values fill the fields not sent."""
    if not isinstance(data, dict):
        raise ValidationError({"non_field_errors": [_("Send et JSON-objekt.")]})
    allowed = set(resource.fields) | ({"other_names"} if resource.named else set())
    errors = {name: [_("Ukjent felt.")] for name in data if name not in allowed and name not in READ_ONLY}
    for name, value in data.items():
        _check_numbers(name, value, errors)
        if name in errors or name == "other_names" or name in READ_ONLY:
            continue
        many = resource.model._meta.get_field(name).many_to_many
        if many and not (isinstance(value, list) and all(isinstance(v, int | str) for v in value)):
            errors[name] = [_("Skriv en liste med id-er.")]
        elif not many and not isinstance(value, str | int | float | bool | type(None)):
            errors[name] = [_("Ugyldig verdi: skriv et tall, en tekst eller null.")]
    if resource.named and "other_names" in data:
        names = data["other_names"]
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            errors["other_names"] = [_("Skriv en liste med navn.")]
    if errors:
        raise ValidationError(errors)
    values: dict = {}
    if partial and instance is not None:
        stored = model_to_dict(instance, fields=list(resource.fields))
        for name, value in stored.items():
            if isinstance(value, list):  # many-to-many: model instances
                value = [v.pk if hasattr(v, "pk") else v for v in value]
            values[name] = value
        if resource.named:
            values["other_names"] = other_names(instance)
    values.update({k: v for k, v in data.items() if k not in READ_ONLY})
    result = {}
    for name, value in values.items():
        if value is None:
            continue
        if name == "other_names":
            result[name] = "\n".join(value)
        elif isinstance(value, list):
            result[name] = [str(v) for v in value]
        elif isinstance(value, bool) and _is_boolean(resource, name):
            result[name] = value if value else ""
        else:
            result[name] = str(value)  # what a form field parses: a number or a date where text is expected
    return result


def _is_boolean(resource: Resource, name: str) -> bool:
    return isinstance(resource.model._meta.get_field(name), models.BooleanField)


def parse_if_match(header: str | None):
    """The version an If-Match header names: ANY for "*", None when absent or not a version."""
    if header is None:
        return None
    value = header.strip()
    if value == "*":
        return ANY
    if value.startswith("W/"):
        value = value[2:]
    value = value.strip('"')
    return int(value) if value.isdigit() and len(value) <= 18 else -1


def save(resource: Resource, instance, data, *, by, based_on=ANY, partial: bool = False):
    """Create (instance None) or change a record from API data; returns the saved record.

    Raises ValidationError (→ 400) for invalid data, PermissionDenied (→ 403), PreconditionFailed (→ 412) when
    the record changed after `based_on`."""
    access = Access.of(by)
    obj = instance if instance is not None else resource.model()
    form = resource.form(form_data(resource, instance, data, partial=partial), instance=obj, access=access)
    if not form.is_valid():
        raise ValidationError({k: [str(m) for m in v] for k, v in form.errors.items()})
    try:
        return (resource.store or store_record)(form, by=access, based_on=based_on, action=API)
    except EditConflict:
        raise PreconditionFailed from None
    except DjangoValidationError as error:  # a rule of the domain function, not of the form
        raise ValidationError({"non_field_errors": list(error.messages)}) from None


def store_record(form, *, by, based_on, action):
    """The register's edit forms: the record with its relations and other names, as one version."""
    record = form.save(commit=False)
    return changes.save(
        record, by=by, action=action, based_on=based_on, relations=form.relations(), names=form.names()
    )


def delete(resource: Resource, instance, *, by, based_on=ANY) -> None:
    access = Access.of(by)
    with transaction.atomic():
        if based_on is not ANY and changes.latest_history_id(instance) != based_on:
            raise PreconditionFailed
        try:
            changes.delete(instance, by=access, action=API)
        except ProtectedError:
            raise InUse from None
