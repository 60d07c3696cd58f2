"""Invitations: an e-mail (or a letter, a phone call) inviting the directorate to a meeting, seminar, course,
consultation or nomination, with what Arena read from it, where it was routed and how it was answered.

Both records are versioned (RecordHistory) and written only through the register's one write path
(arena.register.changes); the workflow steps around them (routed, forwarded, accepted …) are in
arena.invitations.workflow. Rules are named constraints (`invitations_<model>_<rule>`) with bokmål messages.
Bodies and attachments carry personal data: arena.invitations.retention removes them after
ARENA_INVITATION_RETENTION_DAYS and keeps the facts.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from arena.register.models.base import RecordHistory
from arena.register.models.labels import ChoiceLabels
from arena.urlcache import reverse_id


class Invitation(ChoiceLabels, models.Model):
    """One invitation, stored once (by its Message-ID)."""

    class Source(models.TextChoices):
        MAILBOX = "mailbox", _("Felles postkasse")
        UPLOAD = "upload", _("Opplastet e-post")
        FORM = "form", _("Registrert i skjema")
        COMMAND = "command", _("Kommandolinjen")

    class Kind(models.TextChoices):
        MEETING = "meeting", _("Møte")
        SEMINAR = "seminar", _("Seminar eller konferanse")
        COURSE = "course", _("Kurs eller opplæring")
        CONSULTATION = "consultation", _("Høring eller konsultasjon")
        NOMINATION = "nomination", _("Forespørsel om nominasjon")
        OTHER = "other", _("Annet")

    class Status(models.TextChoices):
        TRIAGE = "triage", _("Til vurdering hos koordinator")
        ROUTED = "routed", _("Sendt til enhet")
        ACCEPTED = "accepted", _("Takket ja")
        DECLINED = "declined", _("Takket nei")
        FORWARDED = "forwarded", _("Videresendt til annen enhet")

    OPEN = (Status.TRIAGE, Status.ROUTED, Status.FORWARDED)
    ANSWERED = (Status.ACCEPTED, Status.DECLINED)

    message_id = models.CharField(_("Message-ID"), max_length=500, unique=True)
    source = models.CharField(_("kilde"), max_length=20, choices=Source.choices, default=Source.UPLOAD)
    subject = models.CharField(_("emne"), max_length=500)
    sender_name = models.CharField(_("avsender"), max_length=300, blank=True)
    sender_email = models.EmailField(_("avsenders e-post"), max_length=300, blank=True)
    received_at = models.DateTimeField(_("mottatt"))
    body_text = models.TextField(_("tekst"), blank=True)
    body_html = models.TextField(_("HTML (renset)"), blank=True)
    body_removed_at = models.DateTimeField(_("innhold slettet"), null=True, blank=True)
    organisation = models.ForeignKey(
        "register.Organisation",
        verbose_name=_("organisasjon"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations",
    )
    arena = models.ForeignKey(
        "register.Arena",
        verbose_name=_("arena"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations",
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    starts_on = models.DateField(_("starter"), null=True, blank=True)
    ends_on = models.DateField(_("slutter"), null=True, blank=True)
    location = models.CharField(_("sted"), max_length=300, blank=True)
    deadline = models.DateField(_("påmeldingsfrist"), null=True, blank=True)
    unit = models.ForeignKey(
        "register.Unit",
        verbose_name=_("enhet"),
        help_text=_("Enheten invitasjonen er sendt til (tom mens den er til vurdering)."),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="invitations",
    )
    proposed_unit = models.ForeignKey(
        "register.Unit",
        verbose_name=_("foreslått enhet"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.TRIAGE)
    confidence = models.FloatField(_("sikkerhet"), default=0.0)
    reasons = models.JSONField(_("begrunnelse"), default=list, blank=True)
    routed_at = models.DateTimeField(_("sendt til enhet"), null=True, blank=True)
    answered_at = models.DateTimeField(_("besvart"), null=True, blank=True)
    answer_reason = models.TextField(_("begrunnelse for svaret"), blank=True)
    attendees = models.ManyToManyField(
        "register.Person", verbose_name=_("deltakere"), blank=True, related_name="invitations"
    )
    meeting = models.ForeignKey(
        "agenda.Meeting",
        verbose_name=_("møte"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations",
    )
    activity = models.ForeignKey(
        "register.Activity",
        verbose_name=_("aktivitet"),
        help_text=_("Årets aktivitet skrevet fra notatet etter møtet."),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations",
    )
    created_at = models.DateTimeField(_("registrert"), auto_now_add=True)
    history = RecordHistory(m2m_fields=[attendees], excluded_fields=["body_text", "body_html"])

    class Meta:
        verbose_name = _("invitasjon")
        verbose_name_plural = _("invitasjoner")
        ordering = ["-received_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "unit"], name="invitations_status_unit"),
            models.Index(fields=["received_at"], name="invitations_received_at"),
            # the list's sections: one status, newest first
            models.Index(fields=["status", "-received_at", "-id"], name="invitations_status_received"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="invitations_invitation_end_after_start",
                violation_error_message=_("Arrangementet kan ikke slutte før det begynner."),
            ),
            models.CheckConstraint(
                condition=Q(status="triage") | Q(unit__isnull=False),
                name="invitations_invitation_routed_has_unit",
                violation_error_message=_("En invitasjon som er sendt til en enhet, må ha en enhet."),
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse_id("invitation", self.pk)

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def days_to_answer(self) -> int | None:
        if self.answered_at is None:
            return None
        return (self.answered_at - self.received_at).days


class Attachment(models.Model):
    """A file attached to an invitation (the content is removed by the retention run, the name kept)."""

    invitation = models.ForeignKey(
        Invitation, verbose_name=_("invitasjon"), on_delete=models.CASCADE, related_name="attachments"
    )
    filename = models.CharField(_("filnavn"), max_length=300)
    content_type = models.CharField(_("innholdstype"), max_length=200, blank=True)
    size = models.PositiveIntegerField(_("størrelse"), default=0)
    content = models.BinaryField(_("innhold"), blank=True, default=b"")
    removed_at = models.DateTimeField(_("innhold slettet"), null=True, blank=True)
    history = RecordHistory(excluded_fields=["content"])

    class Meta:
        verbose_name = _("vedlegg")
        verbose_name_plural = _("vedlegg")
        ordering = ["invitation", "pk"]

    def __str__(self) -> str:
        return self.filename


def retention_days() -> int:
    return int(getattr(settings, "ARENA_INVITATION_RETENTION_DAYS", 730))
