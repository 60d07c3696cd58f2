"""What the API serves: one entry per register list, naming its model, the form that validates writes (the same
form the edit pages use, so a rule holds everywhere), the FilterSet of its list page, and how its rows are loaded.
The register's entries come first, then the agenda's, the invitations' and the monitoring log's."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Prefetch, QuerySet

from arena.agenda import filters as agenda_filters
from arena.agenda import forms as agenda_forms
from arena.agenda import meetings, obligations
from arena.agenda.models import AgendaItem, BriefingNote, Deadline, Meeting, MeetingSeries, Obligation
from arena.invitations.filters import InvitationFilterSet
from arena.invitations.models import Invitation
from arena.monitoring.models import CountryAssessment, MonitoringItem, Situation, SituationReport, Topic
from arena.register.models import (
    Activity,
    Alias,
    Area,
    Arena,
    Country,
    Engagement,
    Organisation,
    Outlook,
    Person,
    Unit,
    UnitRole,
)
from arena.web import edit_forms, filters

_OTHER_NAMES = Prefetch("aliases", queryset=Alias.objects.filter(kind=Alias.Kind.ALIAS), to_attr="alias_rows")


@dataclass(frozen=True)
class Resource:
    name: str  # the path segment under /api/v1/
    model: type
    fields: tuple[str, ...]  # what is shown (and, with a form, written)
    form: type | None = None  # None: read-only
    filterset: type | None = None
    select: tuple[str, ...] = ()
    prefetch: tuple = ()
    named: bool = False  # has name/name_en/abbreviation and other names
    description: str = ""
    # How a valid form is stored: (form, by, based_on, action) -> record; None: the register's
    # record + relations + names (api.writes.store_record). Apps with their own domain function name it here.
    store: Callable | None = None
    # Which rows a user may see: (access, queryset) -> queryset, an `Access` method's rule (None: all rows, as for
    # the register, which everyone signed in reads). Lists, records and exports all pass through it.
    scope: Callable | None = None

    @property
    def writable(self) -> bool:
        return self.form is not None

    def queryset(self, access=None, *, related: bool = True) -> QuerySet:
        """The rows `access` may see, by id. `related=False` leaves out the many-to-many prefetches: list pages
        read those relations as ids (`link_ids`) and need no model instance per linked row."""
        qs = self.model.objects.all()
        if self.scope is not None:
            qs = self.scope(access, qs) if access is not None else qs.none()
        if self.select:
            qs = qs.select_related(*self.select)
        prefetch = self.prefetch if related else ()
        if self.named:
            prefetch = (*prefetch, _OTHER_NAMES)
        if prefetch:
            qs = qs.prefetch_related(*prefetch)
        return qs.order_by("pk")

    @cached_property
    def many_to_many(self) -> tuple[str, ...]:
        return tuple(name for name in self.fields if self.model._meta.get_field(name).many_to_many)

    def link_ids(self, pks) -> dict[str, dict[int, list[int]]]:
        """For each many-to-many field shown: row id -> linked ids, in the linked model's own order (as the
        record's relation manager gives them). One query per field, through the link table."""
        links = {}
        for name in self.many_to_many:
            field = self.model._meta.get_field(name)
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            ordering = [
                f"-{target}__{o[1:]}" if o.startswith("-") else f"{target}__{o}"
                for o in field.related_model._meta.ordering
                if isinstance(o, str)
            ]
            rows = (
                field.remote_field.through.objects.filter(**{f"{source}__among": pks})
                .order_by(*ordering, f"{target}_id")
                .values_list(f"{source}_id", f"{target}_id")
            )
            linked: dict[int, list[int]] = {}
            for pk, other in rows:
                linked.setdefault(pk, []).append(other)
            links[name] = linked
        return links


def _visible(access, queryset) -> QuerySet:
    """Organisations, arenas and engagements: without others' pending proposals (arena.suggestions)."""
    return access.visible(queryset)


def _form_fields(form) -> tuple[str, ...]:
    return tuple(form._meta.fields)


def _store_meeting(form, *, by, based_on, action):
    return meetings.save_meeting(
        form.save(commit=False),
        by=by,
        people=form.cleaned_data.get("attendee_people") or [],
        units=form.units(),
        based_on=based_on,
        action=action,
    )


def _store_obligation(form, *, by, based_on, action):
    return obligations.save_obligation(form.save(commit=False), by=by, based_on=based_on, action=action)


RESOURCES: dict[str, Resource] = {
    r.name: r
    for r in (
        Resource(
            "units",
            Unit,
            _form_fields(edit_forms.UnitForm),
            edit_forms.UnitForm,
            filters.UnitFilterSet,
            named=True,
            description="Direktoratets enheter: direktorat, divisjoner, avdelinger og team.",
        ),
        Resource(
            "people",
            Person,
            _form_fields(edit_forms.PersonForm),
            edit_forms.PersonForm,
            description="Personer med roller i enhetene (internasjonale kontakter, koordinatorer).",
        ),
        Resource(
            "roles",
            UnitRole,
            _form_fields(edit_forms.UnitRoleForm),
            edit_forms.UnitRoleForm,
            select=("person", "unit"),
            description="En persons rolle i en enhet, med periode.",
        ),
        Resource(
            "organisations",
            Organisation,
            _form_fields(edit_forms.OrganisationForm),
            edit_forms.OrganisationForm,
            filters.OrganisationFilterSet,
            named=True,
            scope=_visible,
            description="Internasjonale organisasjoner, EU-institusjoner, nasjonale partnere.",
        ),
        Resource(
            "arenas",
            Arena,
            _form_fields(edit_forms.ArenaForm),
            edit_forms.ArenaForm,
            filters.ArenaFilterSet,
            prefetch=("countries",),
            named=True,
            scope=_visible,
            description="Arenaer og programmer: styrende organer, komiteer, nettverk, Joint Actions, programmer.",
        ),
        Resource(
            "engagements",
            Engagement,
            _form_fields(edit_forms.EngagementForm),
            edit_forms.EngagementForm,
            filters.EngagementFilterSet,
            select=("unit", "partner", "arena"),  # the label names the holder and the arena
            prefetch=("people", "areas"),
            scope=_visible,
            description="Hvilken enhet deltar i hvilken arena, i hvilken rolle og når.",
        ),
        Resource(
            "activities",
            Activity,
            _form_fields(edit_forms.ActivityForm),
            edit_forms.ActivityForm,
            filters.ActivityFilterSet,
            prefetch=("units", "arenas", "partners", "countries", "areas"),
            description="Årets aktiviteter per enhet, med arenaer, partnere, land og satsningsområder.",
        ),
        Resource(
            "outlooks",
            Outlook,
            _form_fields(edit_forms.OutlookForm),
            edit_forms.OutlookForm,
            select=("unit",),
            prefetch=("areas", "arenas"),
            description="Enhetenes utsyn: planer og prioriteringer for året.",
        ),
        Resource(
            "countries",
            Country,
            ("code", "code3", "name", "name_en"),
            description="Land (ISO 3166-1) med norske og engelske navn.",
        ),
        Resource(
            "areas",
            Area,
            ("framework", "code", "number", "name", "name_en"),
            select=("framework",),
            description="Satsningsområder i strategien og bærekraftsmålene.",
        ),
        # The agenda (arena.agenda): meetings and obligations are written through its domain functions;
        # agenda items, briefing notes and deadlines move through workflow steps on the pages, so here they
        # are read-only.
        Resource(
            "meeting-series",
            MeetingSeries,
            ("name", "arena", "recurrence", "description"),
            select=("arena",),
            description="Møteserier: faste sesjoner (WHA, EB, RC) og jevnlige møter i en arena.",
        ),
        Resource(
            "meetings",
            Meeting,
            (*_form_fields(agenda_forms.MeetingForm), "status", "sequence"),
            agenda_forms.MeetingForm,
            agenda_filters.MeetingFilterSet,
            select=("arena", "series"),
            prefetch=("attendee_units", "attendee_people"),
            description="Møter i arenaene, med tid (egen tidssone), sted, deltakere og om Norge har delegasjon. "
            "Tider med UTC-forskyvning er tidspunkter; tider uten er lokal tid i møtets tidssone.",
            store=_store_meeting,
        ),
        Resource(
            "agenda-items",
            AgendaItem,
            (
                "meeting",
                "position",
                "number",
                "title",
                "area",
                "suggested_unit",
                "unit",
                "confirmed",
                "note_deadline",
            ),  # fmt: skip
            select=("meeting", "area", "suggested_unit", "unit"),
            description="Dagsordenpunkter i en sesjon, med foreslått og bekreftet ansvarlig enhet.",
        ),
        Resource(
            "briefing-notes",
            BriefingNote,
            (
                "item",
                "unit",
                "deadline",
                "status",
                "background",
                "position",
                "intervention",
                "delivered_at",
                "approved_at",
            ),  # fmt: skip
            filterset=agenda_filters.BriefingNoteFilterSet,
            select=("item", "unit"),
            description="Håndnotater til Norges instruks: bakgrunn, norsk posisjon og forslag til innlegg.",
        ),
        Resource(
            "obligations",
            Obligation,
            _form_fields(agenda_forms.ObligationForm),
            agenda_forms.ObligationForm,
            agenda_filters.ObligationFilterSet,
            select=("organisation", "arena", "unit"),
            description="Rapporteringsforpliktelser til internasjonale organisasjoner, med ansvarlig enhet og "
            "gjentakelse; årets frister lages når forpliktelsen lagres.",
            store=_store_obligation,
        ),
        Resource(
            "deadlines",
            Deadline,
            ("obligation", "period", "due_on", "delivered_at", "remark"),
            filterset=agenda_filters.DeadlineFilterSet,
            select=("obligation",),
            description="Fristene for hver periode av en forpliktelse, og når de ble levert.",
        ),
        # Invitations (arena.invitations): the facts only — sender's name, arena, dates, routing and answer. The
        # body and attachments carry personal data and are the coordinator's and the routed unit's, on the pages.
        Resource(
            "invitations",
            Invitation,
            (
                "source",
                "subject",
                "sender_name",
                "received_at",
                "organisation",
                "arena",
                "kind",
                "starts_on",
                "ends_on",
                "location",
                "deadline",
                "unit",
                "status",
                "routed_at",
                "answered_at",
                "meeting",
                "activity",
            ),  # fmt: skip
            filterset=InvitationFilterSet,
            select=("organisation", "arena", "unit"),
            description="Invitasjoner til møter, seminarer, kurs og høringer, med arena, datoer, enheten de er sendt "
            "til og svaret. Innholdet (e-postteksten og vedlegg) er ikke med. Svarene (send til enhet, takk ja, "
            "takk nei, videresend, tilbake til koordinator, notat etter møtet) er egne operasjoner.",
        ),
        # The monitoring log (arena.monitoring): items scoped by their access level, as on every page.
        Resource(
            "monitoring-topics",
            Topic,
            ("key", "name", "name_en"),
            description="Temaene i følge-med-loggen (covid-19, antimikrobiell resistens, legemiddelmangel …).",
        ),
        Resource(
            "monitoring-items",
            MonitoringItem,
            (
                "date",
                "title",
                "source_kind",
                "source_organisation",
                "source_arena",
                "source_text",
                "reference",
                "link",
                "countries",
                "topics",
                "summary",
                "assessment",
                "relevance",
                "unit",
                "access_level",
            ),  # fmt: skip
            select=("source_organisation", "source_arena", "unit"),
            prefetch=("countries", "topics"),
            scope=lambda access, qs: access.monitoring_items(qs),
            description="Følge-med-loggen: hva som er lært, fra hvilken kilde, om hvilke land og temaer. Poster for "
            "overvåkingsteamet alene vises bare for teamet.",
        ),
        Resource(
            "situations",
            Situation,
            ("name", "description", "starts_on", "ends_on", "countries", "topics"),
            prefetch=("countries", "topics"),
            description="Situasjoner som følges (for eksempel covid-19-pandemien), med land og temaer.",
        ),
        Resource(
            "country-assessments",
            CountryAssessment,
            (
                "situation",
                "country",
                "year",
                "week",
                "measures",
                "health_services",
                "testing_vaccination",
                "lessons",
            ),  # fmt: skip
            select=("situation", "country"),
            description="Ukentlige situasjonsvurderinger per land: tiltak, helsetjenesten, testing og vaksinasjon, "
            "hva Norge kan lære.",
        ),
        Resource(
            "situation-reports",
            SituationReport,
            ("situation", "kind", "starts_on", "ends_on", "title", "summary", "status"),
            select=("situation",),
            description="Ukentlige og månedlige situasjonsrapporter (utkast, til gjennomgang, utgitt).",
        ),
    )
}
