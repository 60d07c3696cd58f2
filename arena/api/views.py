"""The API's views: one generic viewset per resource (arena/api/resources.py). Thin: reading is the resource's
queryset and FilterSet, writing is arena/api/writes.py, permission is `Access` (AccessPermission)."""

from django.db.models import Max
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, pagination, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from arena.api import exports, writes
from arena.api.invitation_actions import InvitationActions
from arena.api.problems import PreconditionRequired
from arena.api.resources import RESOURCES, Resource
from arena.api.serializers import serializer_for
from arena.register.permissions import Access


class Cursor(pagination.CursorPagination):
    """Cursor pagination by id: stable under inserts, no count over the whole table."""

    ordering = "pk"
    page_size = 50
    page_size_query_param = "antall"
    max_page_size = 1000


IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description='Versjonen du endrer, som ETag fra GET (for eksempel "123"); "*" overskriver uansett.',
)
PROBLEM = OpenApiResponse(description="Problembeskrivelse (application/problem+json).")
WRITE_ERRORS = {
    400: PROBLEM,
    401: PROBLEM,
    403: PROBLEM,
    404: PROBLEM,
    409: PROBLEM,
    412: PROBLEM,
    428: PROBLEM,
}


def _etag(version) -> dict:
    return {"ETag": f'"{version}"'} if version is not None else {}


class ReadViewSet(viewsets.ReadOnlyModelViewSet):
    """List (filtered, cursor-paginated), one record (with its version as ETag) and exports."""

    resource: Resource
    pagination_class = Cursor
    filter_backends = [DjangoFilterBackend]
    lookup_value_converter = "id"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False) or self.request is None:  # the schema generator
            return self.resource.model.objects.none()
        # a list page reads its many-to-many relations as ids (Resource.link_ids), not as prefetched rows
        return self.resource.queryset(Access.of(self.request.user), related=self.action != "list")

    def get_serializer_class(self):
        return serializer_for(self.resource)

    @property
    def filterset_class(self):
        return self.resource.filterset

    def _based_on(self):
        based_on = writes.parse_if_match(self.request.headers.get("If-Match"))
        if based_on is None:
            raise PreconditionRequired
        return based_on

    def _versions(self, pks) -> dict | None:
        if not hasattr(self.resource.model, "history"):
            return None
        history = self.resource.model.history.model
        found = history.objects.filter(id__in=pks).values("id").annotate(latest=Max("history_id")).order_by()
        return {row["id"]: row["latest"] for row in found}

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        pks = [row.pk for row in page]
        context = {
            **self.get_serializer_context(),
            "versions": self._versions(pks),
            "links": self.resource.link_ids(pks),
        }
        data = self.get_serializer_class()(page, many=True, context=context).data
        return self.get_paginated_response(data)

    def retrieve(self, request, *args, **kwargs):
        obj = self.get_object()
        data = self.get_serializer(obj).data
        return Response(data, headers=_etag(data.get("version")))

    @extend_schema(
        responses={(200, "text/csv"): OpenApiTypes.BINARY, 400: PROBLEM},
        parameters=[
            OpenApiParameter("fmt", OpenApiTypes.STR, OpenApiParameter.PATH, enum=[*exports.FORMATS])
        ],
        description="Hele den filtrerte listen som CSV, Excel (XLSX) eller JSON, strømmet.",
    )
    @action(detail=False, methods=["get"], url_path="export/<str:fmt>", pagination_class=None)
    def export(self, request, fmt: str, *args, **kwargs):
        return exports.response(self.resource, self.filter_queryset(self.get_queryset()), fmt)


class ResourceViewSet(
    mixins.CreateModelMixin, mixins.UpdateModelMixin, mixins.DestroyModelMixin, ReadViewSet
):
    """Adds writes: through the edit page's form and the register's write path; If-Match on change and delete."""

    def _saved(self, obj, status_code):
        obj = self.get_queryset().get(pk=obj.pk)
        data = self.get_serializer(obj).data
        return Response(data, status=status_code, headers=_etag(data.get("version")))

    def create(self, request, *args, **kwargs):
        obj = writes.save(self.resource, None, request.data, by=request.user)
        return self._saved(obj, status.HTTP_201_CREATED)

    def update(self, request, *args, partial=False, **kwargs):
        obj = self.get_object()
        based_on = self._based_on()
        obj = writes.save(
            self.resource, obj, request.data, by=request.user, based_on=based_on, partial=partial
        )
        return self._saved(obj, status.HTTP_200_OK)

    def destroy(self, request, *args, **kwargs):
        obj = self.get_object()
        writes.delete(self.resource, obj, by=request.user, based_on=self._based_on())
        return Response(status=status.HTTP_204_NO_CONTENT)


# Operations beyond reading and writing records: an app's workflow steps, each calling the app's domain function
# (the mixin's `workflow_actions` names them; AccessPermission leaves the asking of `Access` to those functions).
OPERATIONS = {"invitations": InvitationActions}


def viewset_for(resource: Resource) -> type[ResourceViewSet]:
    base = ResourceViewSet if resource.writable else ReadViewSet
    bases = (OPERATIONS[resource.name], base) if resource.name in OPERATIONS else (base,)
    cls = type(
        f"{resource.model.__name__}ViewSet", bases, {"resource": resource, "__doc__": resource.description}
    )
    verbose = resource.model._meta.verbose_name_plural
    docs = {
        "list": extend_schema(description=f"{resource.description} Filtre som på listesiden ({verbose})."),
        "retrieve": extend_schema(
            description=f"Én post ({resource.model._meta.verbose_name}); ETag er versjonen."
        ),
    }
    if resource.writable:
        docs.update(
            create=extend_schema(responses={201: serializer_for(resource), **WRITE_ERRORS}),
            update=extend_schema(
                parameters=[IF_MATCH], responses={200: serializer_for(resource), **WRITE_ERRORS}
            ),
            partial_update=extend_schema(
                parameters=[IF_MATCH], responses={200: serializer_for(resource), **WRITE_ERRORS}
            ),
            destroy=extend_schema(parameters=[IF_MATCH], responses={204: None, **WRITE_ERRORS}),
        )
    return extend_schema_view(**docs)(cls)


VIEWSETS = {name: viewset_for(resource) for name, resource in RESOURCES.items()}
