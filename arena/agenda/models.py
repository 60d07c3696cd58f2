"""The agenda's records: meeting series and meetings of an arena (with agenda items and the briefing notes the
units write for governing-body sessions), recurring reporting obligations with one deadline per period, and each
user's secret calendar-feed token.

Every record except the token is versioned (RecordHistory) and written through the register's one write path
(arena.register.changes); the workflow steps around them are in arena.agenda.meetings / notes / obligations.
Rules are named constraints (`agenda_<model>_<rule>`) with bokmål messages.
"""

import secrets
import uuid
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from arena.register.models.base import RecordHistory
from arena.register.models.labels import ChoiceLabels
from arena.urlcache import reverse_id

DEFAULT_TIME_ZONE = "Europe/Oslo"


def validate_time_zone(value: str) -> None:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
        raise ValidationError(
            _("«%(value)s» er ikke en kjent tidssone (for eksempel Europe/Oslo)."), params={"value": value}
        ) from error


class Recurrence(models.TextChoices):
    YEARLY = "yearly", _("Årlig")
    HALF_YEARLY = "half_yearly", _("Halvårlig")
    QUARTERLY = "quarterly", _("Kvartalsvis")
    MONTHLY = "monthly", _("Månedlig")
    REGULAR = "regular", _("Jevnlig")
    IRREGULAR = "irregular", _("Ved behov")


class MeetingSeries(models.Model):
    """A recurring meeting of an arena: the yearly sessions of the World Health Assembly, the Executive Board or
    the Regional Committee, or an expert group's regular meetings."""

    arena = models.ForeignKey(
        "register.Arena", verbose_name=_("arena"), on_delete=models.PROTECT, related_name="meeting_series"
    )
    name = models.CharField(_("navn"), max_length=300)
    recurrence = models.CharField(
        _("gjentakelse"), max_length=20, choices=Recurrence.choices, default=Recurrence.YEARLY
    )
    description = models.TextField(_("beskrivelse"), blank=True)
    history = RecordHistory()

    class Meta:
        verbose_name = _("møteserie")
        verbose_name_plural = _("møteserier")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["arena", "name"],
                name="agenda_meetingseries_unique_name",
                violation_error_message=_("Arenaen har allerede en møteserie med dette navnet."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Meeting(ChoiceLabels, models.Model):
    """One meeting of an arena: when (a time zone of its own, Europe/Oslo unless said), where (place or online),
    the agenda, document links, who attends for the directorate and whether Norway has a delegation.

    `sequence` is the iCalendar SEQUENCE: raised by arena.agenda.meetings whenever the meeting changes in a way
    a calendar should pick up; `uid` never changes, so subscribed calendars keep the same event."""

    class Kind(models.TextChoices):
        SESSION = "session", _("Sesjon i styrende organ")
        MEETING = "meeting", _("Møte")
        CONFERENCE = "conference", _("Konferanse")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planlagt")
        CANCELLED = "cancelled", _("Avlyst")

    uid = models.UUIDField(_("kalender-ID"), default=uuid.uuid4, unique=True, editable=False)
    arena = models.ForeignKey(
        "register.Arena", verbose_name=_("arena"), on_delete=models.PROTECT, related_name="meetings"
    )
    series = models.ForeignKey(
        MeetingSeries,
        verbose_name=_("møteserie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.MEETING)
    name = models.CharField(_("navn"), max_length=300)
    starts_at = models.DateTimeField(_("starter"))
    ends_at = models.DateTimeField(_("slutter"))
    time_zone = models.CharField(
        _("tidssone"), max_length=64, default=DEFAULT_TIME_ZONE, validators=[validate_time_zone]
    )
    place = models.CharField(_("sted"), max_length=300, blank=True)
    online_url = models.URLField(_("lenke til digitalt møte"), blank=True)
    description = models.TextField(_("beskrivelse"), blank=True)
    document_links = models.TextField(
        _("dokumenter"),
        blank=True,
        help_text=_("Én lenke per linje, gjerne med tittel først: «Foreløpig dagsorden https://…»."),
    )
    norway_has_delegation = models.BooleanField(_("Norge har delegasjon"), default=False)
    attendee_people = models.ManyToManyField(
        "register.Person", verbose_name=_("deltakere"), blank=True, related_name="meetings"
    )
    attendee_units = models.ManyToManyField(
        "register.Unit", verbose_name=_("deltakende enheter"), blank=True, related_name="meetings"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    sequence = models.PositiveIntegerField(_("endringsnummer"), default=0, editable=False)
    updated_at = models.DateTimeField(_("sist endret"), auto_now=True)
    history = RecordHistory(m2m_fields=[attendee_people, attendee_units])

    class Meta:
        verbose_name = _("møte")
        verbose_name_plural = _("møter")
        ordering = ["starts_at", "name"]
        # A period's meetings are "starts before its end and ends after its start": with both columns in one index
        # the second test is made on the index entries, not on every earlier meeting's row.
        indexes = [models.Index(fields=["starts_at", "ends_at"], name="agenda_meeting_period")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=F("starts_at")),
                name="agenda_meeting_end_after_start",
                violation_error_message=_("Møtet kan ikke slutte før det begynner."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse_id("agenda-meeting", self.pk)

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("Møtet kan ikke slutte før det begynner.")})
        if self.arena_id and self.starts_at:
            arena = self.arena
            day = self.local_start.date()
            if arena.ends_on and day > arena.ends_on:
                raise ValidationError(
                    {
                        "arena": _(
                            "%(arena)s ble avsluttet %(date)s. Et møte etter det kan ikke registreres."
                        )
                        % {"arena": arena.name, "date": formats.date_format(arena.ends_on, "DATE_FORMAT")}
                    }
                )
        if self.series_id and self.arena_id and self.series.arena_id != self.arena_id:
            raise ValidationError({"series": _("Møteserien hører til en annen arena.")})

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        try:
            return zoneinfo.ZoneInfo(self.time_zone or DEFAULT_TIME_ZONE)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo(DEFAULT_TIME_ZONE)

    @property
    def local_start(self):
        return self.starts_at.astimezone(self.zone)

    @property
    def local_end(self):
        return self.ends_at.astimezone(self.zone)

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def documents(self) -> list[tuple[str, str]]:
        """(title, url) of each line of `document_links` that holds a link."""
        result = []
        for line in self.document_links.splitlines():
            words = line.strip().split()
            urls = [w for w in words if w.startswith(("http://", "https://"))]
            if urls:
                title = " ".join(w for w in words if w not in urls).strip(" :–-") or urls[0]
                result.append((title, urls[0]))
        return result


class AgendaItem(models.Model):
    """One item on a meeting's agenda. For a governing-body session the coordinator confirms the unit that owns
    it (Arena suggests one from the register) and sets the deadline for its briefing note."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("møte"), on_delete=models.CASCADE, related_name="items"
    )
    position = models.PositiveIntegerField(_("rekkefølge"), default=0)
    number = models.CharField(_("punkt"), max_length=20, blank=True)
    title = models.CharField(_("tittel"), max_length=500)
    area = models.ForeignKey(
        "register.Area",
        verbose_name=_("satsningsområde"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    suggested_unit = models.ForeignKey(
        "register.Unit",
        verbose_name=_("foreslått enhet"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    unit = models.ForeignKey(
        "register.Unit",
        verbose_name=_("ansvarlig enhet"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agenda_items",
    )
    confirmed = models.BooleanField(_("bekreftet"), default=False)
    note_deadline = models.DateField(_("frist for notat"), null=True, blank=True)
    history = RecordHistory()

    class Meta:
        verbose_name = _("dagsordenpunkt")
        verbose_name_plural = _("dagsordenpunkter")
        ordering = ["meeting", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(confirmed=False) | Q(unit__isnull=False),
                name="agenda_agendaitem_confirmed_has_unit",
                violation_error_message=_("Et bekreftet punkt må ha en ansvarlig enhet."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()

    def get_absolute_url(self) -> str:
        return reverse_id("agenda-notes", self.meeting_id) + f"#item-{self.pk}"


class BriefingNote(models.Model):
    """The note (håndnotat) a unit writes for one agenda item: background, Norway's position and the proposed
    intervention, as sanitised formatted text (arena.agenda.richtext). Draft → delivered → returned (with the
    coordinator's comment) or approved; only approved notes go into the compiled document."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        DELIVERED = "delivered", _("Levert")
        RETURNED = "returned", _("Sendt tilbake")
        APPROVED = "approved", _("Godkjent")

    item = models.OneToOneField(
        AgendaItem, verbose_name=_("dagsordenpunkt"), on_delete=models.CASCADE, related_name="note"
    )
    unit = models.ForeignKey(
        "register.Unit", verbose_name=_("enhet"), on_delete=models.PROTECT, related_name="briefing_notes"
    )
    deadline = models.DateField(_("frist"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    background = models.TextField(_("bakgrunn"), blank=True)
    position = models.TextField(_("norsk posisjon"), blank=True)
    intervention = models.TextField(_("forslag til innlegg"), blank=True)
    coordinator_comment = models.TextField(_("kommentar fra koordinator"), blank=True)
    delivered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("levert av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    delivered_at = models.DateTimeField(_("levert"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("godkjent av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("godkjent"), null=True, blank=True)
    updated_at = models.DateTimeField(_("sist endret"), auto_now=True)
    history = RecordHistory()

    EDITABLE = (Status.DRAFT, Status.RETURNED)

    class Meta:
        verbose_name = _("håndnotat")
        verbose_name_plural = _("håndnotater")
        ordering = ["item__meeting", "item__position", "item__pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(coordinator_comment=""),
                name="agenda_briefingnote_returned_has_comment",
                violation_error_message=_("Et notat som sendes tilbake, må ha en kommentar fra koordinator."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "returned"]) | Q(delivered_at__isnull=False),
                name="agenda_briefingnote_delivered_has_time",
                violation_error_message=_("Et levert notat må ha leveringstidspunkt."),
            ),
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(approved_at__isnull=False),
                name="agenda_briefingnote_approved_has_time",
                violation_error_message=_("Et godkjent notat må ha godkjenningstidspunkt."),
            ),
        ]

    def __str__(self) -> str:
        return _("Notat: %(item)s") % {"item": self.item}

    def get_absolute_url(self) -> str:
        return reverse_id("agenda-note", self.pk)

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE


class Obligation(models.Model):
    """A recurring duty to report to an international organisation or arena (the joint questionnaire on health
    personnel, the OECD health data collection, IHR self-assessment, SDG reporting, an expert group's
    deliveries): who receives it, which unit owns it, how often and when it falls due."""

    name = models.CharField(_("navn"), max_length=300)
    description = models.TextField(_("beskrivelse"), blank=True)
    organisation = models.ForeignKey(
        "register.Organisation",
        verbose_name=_("mottakende organisasjon"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="obligations",
    )
    arena = models.ForeignKey(
        "register.Arena",
        verbose_name=_("arena"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="obligations",
    )
    unit = models.ForeignKey(
        "register.Unit",
        verbose_name=_("ansvarlig enhet"),
        on_delete=models.PROTECT,
        related_name="obligations",
    )
    recurrence = models.CharField(
        _("gjentakelse"),
        max_length=20,
        choices=[
            (c.value, c.label)
            for c in Recurrence
            if c.value in ("yearly", "half_yearly", "quarterly", "monthly")
        ],
        default=Recurrence.YEARLY,
    )
    due_month = models.PositiveSmallIntegerField(
        _("måned fristen faller i"),
        default=1,
        help_text=_(
            "For årlige forpliktelser: måneden (1–12). For andre: måneder etter periodens start (1–12)."
        ),
    )
    due_day = models.PositiveSmallIntegerField(_("dag i måneden"), default=1)
    remind_days_before = models.PositiveSmallIntegerField(_("påminnelse dager før"), default=14)
    is_active = models.BooleanField(_("aktiv"), default=True)
    key = models.SlugField(_("referansenøkkel"), max_length=80, null=True, blank=True, unique=True)
    history = RecordHistory()

    class Meta:
        verbose_name = _("rapporteringsforpliktelse")
        verbose_name_plural = _("rapporteringsforpliktelser")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False) | Q(arena__isnull=False),
                name="agenda_obligation_has_receiver",
                violation_error_message=_(
                    "Oppgi hvem som mottar rapporteringen: en organisasjon eller en arena."
                ),
            ),
            models.CheckConstraint(
                condition=Q(due_month__gte=1) & Q(due_month__lte=12),
                name="agenda_obligation_due_month_range",
                violation_error_message=_("Måneden må være mellom 1 og 12."),
            ),
            models.CheckConstraint(
                condition=Q(due_day__gte=1) & Q(due_day__lte=31),
                name="agenda_obligation_due_day_range",
                violation_error_message=_("Dagen må være mellom 1 og 31."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("agenda-obligations") + f"#obligation-{self.pk}"

    @property
    def receiver(self):
        return self.arena or self.organisation


class Deadline(models.Model):
    """One period's deadline of an obligation (made by arena.agenda.obligations.generate_deadlines), and who
    delivered it and when."""

    uid = models.UUIDField(_("kalender-ID"), default=uuid.uuid4, unique=True, editable=False)
    obligation = models.ForeignKey(
        Obligation, verbose_name=_("forpliktelse"), on_delete=models.CASCADE, related_name="deadlines"
    )
    period = models.CharField(_("periode"), max_length=10)
    due_on = models.DateField(_("frist"))
    delivered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("levert av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    delivered_at = models.DateTimeField(_("levert"), null=True, blank=True)
    remark = models.TextField(_("merknad"), blank=True)
    sequence = models.PositiveIntegerField(_("endringsnummer"), default=0, editable=False)
    history = RecordHistory()

    class Meta:
        verbose_name = _("frist")
        verbose_name_plural = _("frister")
        ordering = ["due_on", "obligation__name"]
        indexes = [models.Index(fields=["due_on"], name="agenda_deadline_due_on")]
        constraints = [
            models.UniqueConstraint(
                fields=["obligation", "period"],
                name="agenda_deadline_unique_period",
                violation_error_message=_("Forpliktelsen har allerede en frist for denne perioden."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.obligation.name} ({self.period})"

    def get_absolute_url(self) -> str:
        return reverse("agenda-obligations") + f"#deadline-{self.pk}"

    @property
    def is_delivered(self) -> bool:
        return self.delivered_at is not None


def new_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarToken(models.Model):
    """The secret in a user's personal calendar-feed address. Renewing it makes the old address stop working.
    Not versioned: a history of secrets would keep old addresses readable."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruker"),
        on_delete=models.CASCADE,
        related_name="calendar_token",
    )
    token = models.CharField(_("nøkkel"), max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(_("laget"), auto_now=True)

    class Meta:
        verbose_name = _("kalendernøkkel")
        verbose_name_plural = _("kalendernøkler")

    def __str__(self) -> str:
        return str(self.user)
