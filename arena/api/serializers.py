"""One serializer per resource, made from its field list: ids for relations, the entity's other names as a
list, and `version` — the history id that is also the ETag."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.relations import MANY_RELATION_KWARGS

from arena.api.resources import Resource
from arena.register.changes import latest_history_id


@extend_schema_field(OpenApiTypes.INT)
class VersionField(serializers.ReadOnlyField):
    """The record's newest history id (lists fill `versions` in the context with one query per page)."""

    def __init__(self, **kwargs):
        super().__init__(source="*", **kwargs)

    def to_representation(self, obj):
        versions = self.context.get("versions")
        if versions is not None:  # a list page: one query answered for every row; no history row means none
            return versions.get(obj.pk)
        return latest_history_id(obj) if hasattr(obj, "history") else None


@extend_schema_field({"type": "array", "items": {"type": "string", "maxLength": 300}})
class OtherNamesField(serializers.ListField):
    def __init__(self, **kwargs):
        super().__init__(child=serializers.CharField(max_length=300), source="*", required=False, **kwargs)

    def to_representation(self, obj):
        rows = getattr(obj, "alias_rows", None)
        if rows is None:
            rows = obj.aliases.filter(kind="alias")
        return sorted(row.name for row in rows)

    def to_internal_value(self, data):
        return {"other_names": super().to_internal_value(data)}


class LinkedIds(serializers.ManyRelatedField):
    """A many-to-many relation as ids. List pages give every row's ids in the context (`links`: one query per
    relation for the page); a single record reads its relation manager."""

    def get_attribute(self, instance):
        links = self.context.get("links")
        if links is not None and self.source in links:
            return _Ids(links[self.source].get(instance.pk, ()))
        return super().get_attribute(instance)

    def to_representation(self, iterable):
        if isinstance(iterable, _Ids):
            return list(iterable)
        return super().to_representation(iterable)


class _Ids(tuple):
    """Ids already read (not model instances)."""


class RelatedId(serializers.PrimaryKeyRelatedField):
    """Relations by id; a many-to-many one is a `LinkedIds` (as DRF's own many_init, with that class)."""

    @classmethod
    def many_init(cls, *args, **kwargs):
        many = {key: value for key, value in kwargs.items() if key in MANY_RELATION_KWARGS}
        return LinkedIds(child_relation=cls(*args, **kwargs), **many)


_cache: dict[str, type] = {}


def serializer_for(resource: Resource) -> type[serializers.ModelSerializer]:
    """The resource's serializer class (made once)."""
    if resource.name in _cache:
        return _cache[resource.name]
    extra: dict = {"label": serializers.CharField(source="__str__", read_only=True)}
    fields = ["id", "label", *resource.fields]
    if hasattr(resource.model, "history"):
        extra["version"] = VersionField(
            help_text="Versjonen (historikk-id); send den i If-Match ved endring."
        )
        fields.append("version")
    if resource.named:
        extra["other_names"] = OtherNamesField(help_text="Andre navn og skrivemåter.")
        fields.append("other_names")
    meta = type("Meta", (), {"model": resource.model, "fields": fields})
    name = f"{resource.model.__name__}Serializer"
    body = {"Meta": meta, "serializer_related_field": RelatedId, **extra}
    cls = type(name, (serializers.ModelSerializer,), body)
    _cache[resource.name] = cls
    return cls
