"""One serializer per resource, made from its field list: ids for relations, the entity's other names as a
list, and `version` — the history id that is also the ETag."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

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
    cls = type(name, (serializers.ModelSerializer,), {"Meta": meta, **extra})
    _cache[resource.name] = cls
    return cls
