"""Who may do what — the one permission vocabulary for pages, templates, forms, the command line, background
jobs and (later) the API. Every rule is a named method on `Access`; nothing else decides.

Personas:
- coordinator: a superuser, or a person with a current *coordinator* role on the coordinating unit. Changes
  everything, restores versions, runs the reporting cycle and imports.
- unit contact: a person with a current *international contact* role on a unit ("current" as defined in
  arena.register.contacts). Changes that unit's (and its sub-units') engagements, activities and outlooks, may
  only assign those units, and edits and submits their submissions in the reporting cycle. Proposes missing
  arenas and organisations (arena.suggestions), which they alone and the coordinator see until it is accepted. A national
  partner's engagement (no unit owns it) is the coordinator's alone (`can_hold_for_partner`).
- reader: any other signed-in user (leaders, the ministry). Reads everything, changes nothing.
- monitoring team: members of the Django group `MONITORING_TEAM_GROUP` ("monitoring-team", made by
  arena.monitoring's migration; membership is given in the admin). Write the monitoring log, assessments and
  situation reports, decide on feed proposals, and alone see items whose access level is *team*. The
  coordinator and the system count as members.
- system: the command line and background jobs acting on their own behalf (loaders, scheduled work); may do
  what the coordinator may, and is recorded as the system, not as a person.
Anonymous visitors may do nothing (the middleware sends them to the sign-in page), except read the open data
when the installation publishes it (`can_read_open_data`).

`Access` is computed once per request (`request.access`, set by `AccessMiddleware`) and its answers are
cached on it, so asking it for every row of a page costs no queries beyond the first.
"""

from __future__ import annotations

from functools import cached_property

from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.functional import SimpleLazyObject

from arena.register.contacts import current_roles
from arena.register.models import Activity, Arena, Engagement, Organisation, Outlook, Person, UnitRole
from arena.register.structure import UnitTree

# The Django group whose members are the monitoring team (arena.monitoring).
MONITORING_TEAM_GROUP = "monitoring-team"

# Models a unit contact may change when they belong to one of the contact's units.
UNIT_OWNED = (Engagement, Activity, Outlook)

# Register entries a contact may propose (arena.suggestions): made at once, pending until the coordinator decides.
PROPOSABLE = (Arena, Organisation)


class Access:
    """What one user (or the system) may do. Build it with `Access.of(user)` or `Access.system()`."""

    def __init__(self, user=None, *, system: bool = False, proposing: bool = False):
        self.user = user
        self.is_system = system
        self.is_proposing = proposing  # see `proposing()`

    @classmethod
    def of(cls, who) -> Access:
        """The access of a user; an Access passes through unchanged."""
        if isinstance(who, Access):
            return who
        if who is None:
            raise ValueError("Access.of needs a user; use Access.system() for the system")
        return cls(who)

    @classmethod
    def system(cls) -> Access:
        return cls(None, system=True)

    # Who this is

    @property
    def is_authenticated(self) -> bool:
        return self.is_system or bool(self.user is not None and self.user.is_authenticated)

    @property
    def acting_user(self):
        """The user to attribute a change to (None for the system)."""
        return self.user if self.user is not None and self.user.is_authenticated else None

    @cached_property
    def _roles(self) -> list[tuple[int, str, bool]]:
        """(unit id, role, unit is coordinating) of the user's current roles — one query."""
        if self.acting_user is None:
            return []
        return list(
            current_roles()
            .filter(person__user=self.user)
            .values_list("unit_id", "role", "unit__is_coordinator")
        )

    @cached_property
    def is_coordinator(self) -> bool:
        if self.is_system:
            return True
        if self.acting_user is None:
            return False
        return self.user.is_superuser or any(
            role == UnitRole.Role.COORDINATOR and coordinating for _unit, role, coordinating in self._roles
        )

    @cached_property
    def contact_unit_ids(self) -> frozenset[int]:
        """The units this user is international contact for, with all their sub-units."""
        own = {unit for unit, role, _c in self._roles if role == UnitRole.Role.INTERNATIONAL_CONTACT}
        if not own:
            return frozenset()
        return frozenset(UnitTree.load().descendants(own))

    @property
    def persona(self) -> str:
        if self.is_system:
            return "system"
        if not self.is_authenticated:
            return "anonymous"
        if self.is_coordinator:
            return "coordinator"
        return "unit_contact" if self.contact_unit_ids else "reader"

    def require(self, allowed: bool) -> None:
        """Raise PermissionDenied unless `allowed` — for the answers of the methods below."""
        if not allowed:
            raise PermissionDenied

    # The register

    def can_create(self, model) -> bool:
        if model._meta.app_label == "monitoring":
            return self.can_edit_monitoring()
        if model._meta.app_label == "agenda":
            return self.can_create_agenda_record(model)
        if model._meta.app_label == "invitations":
            return self.can_receive_invitations()
        if self.is_proposing and model in PROPOSABLE:
            return self.can_propose_entry()
        if model._meta.app_label == "reporting":
            return self.is_coordinator or bool(self.contact_unit_ids)
        return self.is_coordinator or (model in UNIT_OWNED and bool(self.contact_unit_ids))

    def can_create_for(self, model, unit) -> bool:
        """Create a record of `model` owned by `unit` (the unit page's "Ny aktivitet"/"Ny deltakelse"): the
        coordinator, or a contact of that unit (or a unit above it) for the unit-owned kinds."""
        if self.is_coordinator:
            return True
        return model in UNIT_OWNED and unit is not None and unit.pk in self.contact_unit_ids

    @cached_property
    def own_contact_unit_ids(self) -> frozenset[int]:
        """The units this user holds a current international contact role on (without their sub-units)."""
        return frozenset(u for u, role, _c in self._roles if role == UnitRole.Role.INTERNATIONAL_CONTACT)

    def can_change(self, obj) -> bool:
        if self.is_coordinator:
            return True
        if obj._meta.app_label == "monitoring":
            return self.can_edit_monitoring()
        if obj._meta.app_label == "agenda":
            return self.can_change_agenda_record(obj)
        if obj._meta.app_label == "invitations":
            invitation = obj if obj._meta.model_name == "invitation" else obj.invitation
            return self.can_answer_invitation(invitation)
        if obj._meta.app_label == "reporting":
            return self.can_change_editorial_text(obj) and not self.is_locked(obj)
        if not self.contact_unit_ids or not isinstance(obj, UNIT_OWNED):
            return False
        return bool(owning_unit_ids(obj) & self.contact_unit_ids) and not self.is_locked(obj)

    def can_delete(self, obj) -> bool:
        if obj._meta.app_label == "monitoring":
            return self.can_edit_monitoring()
        if obj._meta.app_label == "agenda" and obj._meta.model_name != "meeting":
            return self.is_coordinator
        return self.can_change(obj)

    def can_restore(self, obj) -> bool:
        """Restoring an earlier version is the coordinator's."""
        return self.is_coordinator

    def can_view_history(self, obj) -> bool:
        """Everyone signed in sees a record's history — except for people and their roles, whose history holds
        personal data (e-mail addresses, accounts): that is the coordinator's."""
        if isinstance(obj, (Person, UnitRole)):
            return self.is_coordinator
        if obj._meta.model_name == "monitoringitem":
            return self.can_view_monitoring_item(obj)
        return self.is_authenticated

    def may_assign_units(self, before, after) -> bool:
        """May the owning units of a record go from `before` to `after` (unit ids)? A unit contact may only add
        or remove their own units, and the record must stay with at least one of them."""
        if self.is_coordinator:
            return True
        before, after = set(before), set(after)
        return (before ^ after) <= self.contact_unit_ids and bool(after & self.contact_unit_ids)

    def locked_unit_ids(self, year: int) -> frozenset[int]:
        """The units whose records of `year` are locked: every unit of an approved cycle; in an open cycle, the
        units whose own submission is approved, and the sub-units without a submission of their own under them
        (the nearest unit with a submission decides, so reopening a division's submission unlocks the division
        even when the directorate's is approved). Cached per year."""
        locks = self.__dict__.setdefault("_locks", {})
        if year not in locks:
            submission = apps.get_model("reporting", "Submission")
            rows = submission.objects.filter(cycle__year=year).values_list(
                "unit_id", "status", "cycle__status"
            )
            approved = submission.Status.APPROVED
            status = {unit: approved if cycle == approved else own for unit, own, cycle in rows}
            locked = set()
            if any(s == approved for s in status.values()):
                tree = UnitTree.load()
                for unit in tree.parents:
                    owner = next((u for u in tree.ancestors(unit) if u in status), None)
                    if owner is not None and status[owner] == approved:
                        locked.add(unit)
            locks[year] = frozenset(locked)
        return locks[year]

    def locks(self, obj, unit_ids: set[int] | None = None) -> bool:
        """Would writing this year-bound record (an activity, an outlook or a unit's editorial text) for `unit_ids` (default: its stored
        units) touch a unit whose submission for that year is approved? The coordinator and the system are
        never locked out; a unit's contact must reopen the submission first."""
        if self.is_coordinator:
            return False
        if isinstance(obj, (Activity, Outlook)):
            units = owning_unit_ids(obj) if unit_ids is None else unit_ids
        elif obj._meta.label == "reporting.EditorialText" and obj.is_unit_text:
            units = {obj.unit_id}  # a unit's introduction and "what matters next" in the report
        else:
            return False
        year = getattr(obj, "year", None)
        return bool(year) and bool(set(units) & self.locked_unit_ids(int(year)))

    def is_locked(self, obj) -> bool:
        return self.locks(obj)

    def can_hold_for_partner(self) -> bool:
        """Create, change or remove a national partner's engagement (HOD, FHI … in an arena): the coordinator's
        alone, since no unit of the directorate owns it."""
        return self.is_coordinator

    def assignable_unit_ids(self) -> frozenset[int] | None:
        """The units this user may choose in a form (None: any)."""
        return None if self.is_coordinator else self.contact_unit_ids

    def editable(self, queryset: QuerySet) -> QuerySet:
        """The rows of `queryset` this user may change."""
        model = queryset.model
        if self.is_coordinator:
            return queryset
        if model not in UNIT_OWNED or not self.contact_unit_ids:
            return queryset.none()
        field = "units" if model is Activity else "unit"
        return queryset.filter(
            pk__in=model.objects.filter(**{f"{field}__in": self.contact_unit_ids}).values("pk")
        )

    # Proposed register entries (arena.suggestions)

    def can_propose_entry(self) -> bool:
        """Propose a missing arena or organisation from an edit form's picker or the proposal page: the unit
        contacts (who use them in their activities and engagements at once) and the coordinator."""
        return self.is_coordinator or bool(self.contact_unit_ids)

    def can_decide_suggestions(self) -> bool:
        """Accept, merge or reject a proposed entry, and see every pending one: the coordinator."""
        return self.is_coordinator

    def proposing(self) -> Access:
        """This access as the write path sees it while it stores a proposal: it may then create an arena or an
        organisation if it may propose one (`can_propose_entry`). Used only by arena.suggestions."""
        return Access(self.user, system=self.is_system, proposing=True)

    def visible(self, queryset: QuerySet) -> QuerySet:
        """The rows of `queryset` this user may see — every list, picker, search, API list and export of
        organisations, arenas and engagements asks this. An entry proposed by a contact is pending until the
        coordinator decides: only its proposer and the coordinator see it (and the engagements in it)."""
        if self.is_coordinator:
            return queryset
        return without_pending(queryset, keep_for=self.acting_user)

    def sees_pending(self, obj) -> bool:
        """May this user see the (possibly pending) organisation or arena `obj`?"""
        return self.visible(type(obj).objects.filter(pk=obj.pk)).exists()

    # The reporting cycle

    def can_manage_cycle(self) -> bool:
        """Open and approve cycles, write the editorial texts, issue the report."""
        return self.is_coordinator

    def can_reopen_submission(self, submission) -> bool:
        """Reopen an approved submission so the unit's records of the year can change again: whoever may edit
        it (the unit's contact or the coordinator) while the cycle is open; once the cycle is approved, only the
        coordinator (reopening the submission opens the cycle again)."""
        if not submission.cycle.is_open:
            return self.can_manage_cycle()
        return self.can_edit_submission(submission)

    def can_edit_submission(self, submission) -> bool:
        """Change and submit: the coordinator, or a contact of the submission's unit (or a unit above it)."""
        return self.is_coordinator or submission.unit_id in self.contact_unit_ids

    def can_review_submission(self, submission) -> bool:
        """Return or approve a delivered submission."""
        return self.is_coordinator

    def can_issue_report(self) -> bool:
        return self.is_coordinator

    def can_edit_report_texts(self) -> bool:
        """The editorial texts of the report as a whole: the four cycle texts, each chapter's and each priority
        area's introduction. The coordinator's."""
        return self.can_manage_cycle()

    def can_edit_unit_texts(self, submission) -> bool:
        """A unit's introduction and "what matters next" for the year's report: the coordinator always; a
        contact of the submission's unit (or a unit above it) like the rest of the submission — while the cycle
        is open and the submission a draft or returned — and never while the unit's records of the year are
        locked by an approved submission (reopen it first)."""
        if self.is_coordinator:
            return True
        if submission.unit_id not in self.contact_unit_ids:
            return False
        if not (submission.cycle.is_open and submission.is_editable):
            return False
        return submission.unit_id not in self.locked_unit_ids(submission.cycle.year)

    def can_change_editorial_text(self, text) -> bool:
        """The write path's rule for one editorial text: a unit text for a contact of that unit; everything for
        the coordinator. (Locks are asked separately, through `locks`.)"""
        if self.is_coordinator:
            return True
        return text.is_unit_text and text.unit_id in self.contact_unit_ids

    def submissions(self, queryset: QuerySet) -> QuerySet:
        """The submissions of `queryset` this user may edit."""
        if self.is_coordinator:
            return queryset
        return queryset.filter(unit__in=self.contact_unit_ids)

    # Import

    def can_import(self) -> bool:
        """Upload a document, decide on its proposals and commit them to the register."""
        return self.is_coordinator

    # Data out

    def can_read_open_data(self) -> bool:
        """The open data at /data/ (anyone, signed in or not) — only when the installation publishes it."""
        return bool(settings.ARENA_OPEN_DATA)

    def can_archive(self) -> bool:
        """Hand an issued document off to the archive (arena.archive)."""
        return self.is_coordinator

    # The agenda (arena.agenda): meetings, briefing notes, obligations and their deadlines

    def can_manage_agenda(self) -> bool:
        """Series, sessions and their agenda items, confirming owners, reviewing notes, obligations, compiling."""
        return self.is_coordinator

    def can_create_meeting(self) -> bool:
        """The coordinator, or a unit's contact (for a meeting their unit attends)."""
        return self.is_coordinator or bool(self.contact_unit_ids)

    def can_edit_meeting(self, meeting) -> bool:
        """The coordinator, or a contact of one of the units attending the meeting."""
        if self.is_coordinator:
            return True
        if not self.contact_unit_ids or meeting.pk is None:
            return False
        return bool({u.pk for u in meeting.attendee_units.all()} & self.contact_unit_ids)

    def may_assign_meeting_units(self, before, after) -> bool:
        """A contact may only add or remove their own units, and one of them must stay on the meeting."""
        return self.may_assign_units(before, after)

    def can_edit_note(self, note) -> bool:
        """Write and deliver a briefing note: the coordinator, or a contact of the note's unit."""
        return self.is_coordinator or note.unit_id in self.contact_unit_ids

    def can_review_note(self, note) -> bool:
        """Return or approve a delivered note."""
        return self.is_coordinator

    def can_deliver_deadline(self, deadline) -> bool:
        """Mark a reporting deadline delivered: the coordinator, or a contact of the obligation's unit."""
        return self.is_coordinator or deadline.obligation.unit_id in self.contact_unit_ids

    def can_view_agenda(self) -> bool:
        return self.is_authenticated

    def can_create_agenda_record(self, model) -> bool:
        """The write path's create rule for agenda records."""
        return self.is_coordinator or (model._meta.model_name == "meeting" and self.can_create_meeting())

    def can_change_agenda_record(self, obj) -> bool:
        """The write path's change rule for agenda records."""
        name = obj._meta.model_name
        if name == "meeting":
            return self.can_edit_meeting(obj)
        if name == "briefingnote":
            return self.can_edit_note(obj)
        if name == "deadline":
            return self.can_deliver_deadline(obj)
        return self.is_coordinator

    # Invitations (arena.invitations): arrival, triage, answers. A body holds personal data.

    def can_triage_invitations(self) -> bool:
        """See the triage list, route an uncertain invitation, see every invitation's body."""
        return self.is_coordinator

    def can_receive_invitations(self) -> bool:
        """Upload a saved e-mail or register an invitation by hand: the coordinator or a unit's contact."""
        return self.is_coordinator or bool(self.contact_unit_ids)

    def can_view_invitations(self) -> bool:
        """The invitation pages and their facts (sender, arena, dates, unit, answer) — everyone signed in."""
        return self.is_authenticated

    def can_view_invitation_body(self, invitation) -> bool:
        """The text, HTML and attachments: the coordinator and the routed unit's contacts only."""
        return self.is_coordinator or (
            invitation.unit_id is not None and invitation.unit_id in self.contact_unit_ids
        )

    def can_answer_invitation(self, invitation) -> bool:
        """Accept, decline, forward or send back: the coordinator, or a contact of the routed unit."""
        if self.is_coordinator:
            return True
        return invitation.status != "triage" and invitation.unit_id in self.contact_unit_ids

    def can_write_invitation_note(self, invitation) -> bool:
        """The note after an accepted invitation's meeting, which becomes an activity of the unit: the coordinator
        or a contact of the unit (they may write its activities)."""
        return self.is_coordinator or invitation.unit_id in self.contact_unit_ids

    def open_invitations(self, queryset: QuerySet) -> QuerySet:
        """The invitations of `queryset` this user is to answer (the coordinator: all)."""
        if self.is_coordinator:
            return queryset
        return queryset.filter(unit__in=self.contact_unit_ids)

    # The monitoring log (arena.monitoring)

    @cached_property
    def is_monitoring_team(self) -> bool:
        """A member of the monitoring team (the coordinator and the system count as members) — one query."""
        if self.is_coordinator:
            return True
        if self.acting_user is None:
            return False
        return self.user.groups.filter(name=MONITORING_TEAM_GROUP).exists()

    def can_view_monitoring(self) -> bool:
        """The monitoring pages, situations, assessments and issued situation reports."""
        return self.is_authenticated

    def can_edit_monitoring(self) -> bool:
        """Write items, situations, assessments, feeds and situation reports; accept or discard feed entries."""
        return self.is_monitoring_team

    def can_view_monitoring_item(self, item) -> bool:
        """An item open to everyone is seen by everyone signed in; a team item by the team alone."""
        if not self.is_authenticated:
            return False
        return item.access_level == "everyone" or self.is_monitoring_team

    def _team_member_sql(self) -> Q:
        """`is_monitoring_team` as a condition the database evaluates inside the list's own query (a page that
        asks nothing else about the user then pays no extra queries): a member of the group, or a current
        coordinator of the coordinating unit."""
        from django.contrib.auth.models import Group

        in_group = Group.objects.filter(name=MONITORING_TEAM_GROUP, user=self.user)
        coordinator = current_roles().filter(
            person__user=self.user, role=UnitRole.Role.COORDINATOR, unit__is_coordinator=True
        )
        return Q(Exists(in_group)) | Q(Exists(coordinator))

    def monitoring_items(self, queryset: QuerySet) -> QuerySet:
        """The items of `queryset` this user may see — every list, search, feed and export asks this."""
        if not self.is_authenticated:
            return queryset.none()
        if self.is_system or self.user.is_superuser:
            return queryset
        if "is_monitoring_team" in self.__dict__:  # already known: no need to ask the database again
            return queryset if self.is_monitoring_team else queryset.filter(access_level="everyone")
        return queryset.filter(Q(access_level="everyone") | self._team_member_sql())

    def can_review_feeds(self) -> bool:
        """See the feed proposals and accept or discard them."""
        return self.is_monitoring_team

    def can_issue_situation_report(self, report=None) -> bool:
        """Send a situation report to review, issue it and distribute it: the monitoring team."""
        return self.is_monitoring_team

    # The change log

    def can_view_log(self, obj=None) -> bool:
        return self.is_authenticated

    # The API

    def can_use_api(self) -> bool:
        """Read the register through the API (writes are asked record by record, as on the pages)."""
        return self.is_authenticated

    def can_manage_tokens(self, user) -> bool:
        """Make, list and revoke API tokens of `user`: the user themself, or the coordinator."""
        if self.is_coordinator:
            return True
        return self.acting_user is not None and user is not None and self.acting_user.pk == user.pk


def pending_suggestions(keep_for=None) -> QuerySet:
    """The pending proposals of arena.suggestions, except those made by `keep_for` (a user)."""
    pending = apps.get_model("suggestions", "Suggestion").objects.filter(status="pending")
    return pending.exclude(proposed_by=keep_for) if keep_for is not None else pending


def without_pending(queryset: QuerySet, keep_for=None) -> QuerySet:
    """`queryset` without the organisations or arenas still pending as proposals (and without the engagements
    in pending arenas), except the proposals of `keep_for`. Other models pass through. The report, the open
    data and `Access.visible` use this one rule. One NOT EXISTS on the small proposal table, no extra query."""
    model = queryset.model
    pending = pending_suggestions(keep_for)
    if model is Arena:
        return queryset.filter(~Exists(pending.filter(arena=OuterRef("pk"))))
    if model is Organisation:
        return queryset.filter(~Exists(pending.filter(organisation=OuterRef("pk"))))
    if model is Engagement:
        return queryset.filter(~Exists(pending.filter(arena=OuterRef("arena_id"))))
    return queryset


def owning_unit_ids(obj) -> set[int]:
    """The units that own a unit-owned record (an activity may have several). Uses prefetched units."""
    if isinstance(obj, Activity):
        return {u.pk for u in obj.units.all()} if obj.pk else set()
    return {obj.unit_id} if obj.unit_id else set()


class AccessMiddleware:
    """Puts the user's `Access` on the request, computed at most once and only when asked."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.access = SimpleLazyObject(lambda: Access(request.user))
        return self.get_response(request)
