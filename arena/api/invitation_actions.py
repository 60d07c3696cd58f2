"""The invitation workflow as API operations: `POST /api/v1/invitations/<id>/<step>/` for route (the coordinator,
from triage), accept (who attends), decline (a reason), forward (to another unit, a reason), back-to-triage
(a reason) and note (after the meeting). Each calls the same `arena.invitations.workflow` function as the page,
validated by the page's form, so the rules, the `Access` checks, the log and the notifications are the pages', and
so are the messages. The answer is the invitation's facts (never its body or attachments), with its version as
ETag; an If-Match header, when sent, must name the newest version (412 otherwise)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from arena.api.problems import PreconditionFailed
from arena.api.resources import RESOURCES
from arena.api.serializers import serializer_for
from arena.api.writes import LARGEST_INT, parse_if_match
from arena.invitations import forms, workflow
from arena.invitations.models import Invitation
from arena.register import changes
from arena.register.changes import ANY
from arena.register.permissions import Access

_ID = {"min_value": 1, "max_value": LARGEST_INT}


class RouteInput(serializers.Serializer):
    unit = serializers.IntegerField(**_ID, help_text="Enheten (id) invitasjonen sendes til.")
    arena = serializers.CharField(
        max_length=300, required=False, allow_blank=True, help_text="Rett arenaen (navn); tomt: uendret."
    )


class AcceptInput(serializers.Serializer):
    people = serializers.ListField(
        child=serializers.IntegerField(**_ID),
        max_length=200,
        help_text="Personene (id) som deltar: fra enheten eller en enhet over den.",
    )


class ReasonInput(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, help_text="Kort begrunnelse.")


class ForwardInput(ReasonInput):
    unit = serializers.IntegerField(**_ID, help_text="Enheten (id) invitasjonen videresendes til.")


class NoteInput(serializers.Serializer):
    text = serializers.CharField(max_length=20000, help_text="Notatet fra møtet; blir årets aktivitet.")


IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description="Valgfritt: versjonen du svarer på (ETag fra GET); er invitasjonen endret siden, gis 412.",
)


def _problem_responses():
    problem = OpenApiResponse(description="Problembeskrivelse (application/problem+json).")
    return {code: problem for code in (400, 401, 403, 404, 412)}


def _step(request_serializer, description: str):
    """The OpenAPI description of one workflow step."""
    return extend_schema(
        request=request_serializer,
        parameters=[IF_MATCH],
        responses={200: serializer_for(RESOURCES["invitations"]), **_problem_responses()},
        description=description,
    )


def _form_errors(form) -> ValidationError:
    return ValidationError({k: [str(m) for m in v] for k, v in form.errors.items()})


class InvitationActions:
    """Mixed into the invitations' viewset (arena/api/views.py)."""

    workflow_actions = frozenset({"route", "accept", "decline", "forward", "back_to_triage", "note"})

    def _input(self, serializer_class) -> dict:
        data = serializer_class(data=self.request.data)
        data.is_valid(raise_exception=True)
        return data.validated_data

    def _run(self, step):
        """Run `step(invitation, access)` on the invitation, as one transaction; answer with the invitation."""
        access = Access.of(self.request.user)
        based_on = parse_if_match(self.request.headers.get("If-Match"))
        with transaction.atomic():
            invitation = self.get_object()
            # one step at a time on an invitation: a second accept waits, then finds it answered
            Invitation.objects.select_for_update().filter(pk=invitation.pk).values_list("pk").get()
            invitation.refresh_from_db()
            if based_on not in (None, ANY) and changes.latest_history_id(invitation) != based_on:
                raise PreconditionFailed
            try:
                step(invitation, access)
            except DjangoValidationError as error:
                raise ValidationError({"non_field_errors": list(error.messages)}) from None
        invitation = self.get_queryset().get(pk=invitation.pk)
        data = self.get_serializer(invitation).data
        return Response(data, headers={"ETag": f'"{data["version"]}"'} if data.get("version") else {})

    @_step(RouteInput, "Koordinator sender en invitasjon til vurdering videre til en enhet.")
    @action(detail=True, methods=["post"])
    def route(self, request, *args, **kwargs):
        values = self._input(RouteInput)

        def step(invitation, access):
            form = forms.TriageForm({"unit": values["unit"], "arena": values.get("arena", "")})
            if not form.is_valid():
                raise _form_errors(form)
            workflow.send_to_unit(
                invitation, form.cleaned_data["unit"], by=access, arena=form.cleaned_data["arena"]
            )

        return self._run(step)

    @_step(AcceptInput, "Takk ja med dem som deltar: invitasjonen blir et møte i agendaen.")
    @action(detail=True, methods=["post"])
    def accept(self, request, *args, **kwargs):
        values = self._input(AcceptInput)

        def step(invitation, access):
            form = forms.AcceptForm({"people": [str(p) for p in values["people"]]}, invitation=invitation)
            if not form.is_valid():
                raise _form_errors(form)
            workflow.accept(invitation, by=access, people=form.cleaned_data["people"])

        return self._run(step)

    @_step(ReasonInput, "Takk nei, med en begrunnelse.")
    @action(detail=True, methods=["post"])
    def decline(self, request, *args, **kwargs):
        values = self._input(ReasonInput)
        return self._run(lambda invitation, access: workflow.decline(invitation, by=access, **values))

    @_step(ForwardInput, "Videresend til en annen enhet, med en begrunnelse; enheten varsles.")
    @action(detail=True, methods=["post"])
    def forward(self, request, *args, **kwargs):
        values = self._input(ForwardInput)

        def step(invitation, access):
            form = forms.ForwardForm({"unit": values["unit"], "reason": values["reason"]})
            if not form.is_valid():
                raise _form_errors(form)
            workflow.forward(
                invitation, form.cleaned_data["unit"], by=access, reason=form.cleaned_data["reason"]
            )

        return self._run(step)

    @_step(ReasonInput, "Send tilbake til koordinator, med en begrunnelse.")
    @action(detail=True, methods=["post"], url_path="back-to-triage")
    def back_to_triage(self, request, *args, **kwargs):
        values = self._input(ReasonInput)
        return self._run(lambda invitation, access: workflow.back_to_triage(invitation, by=access, **values))

    @_step(NoteInput, "Notatet etter møtet; blir enhetens aktivitet for året på arenaen.")
    @action(detail=True, methods=["post"])
    def note(self, request, *args, **kwargs):
        values = self._input(NoteInput)
        return self._run(
            lambda invitation, access: workflow.write_note(invitation, values["text"], by=access)
        )
