"""The outside world and who takes part where: organisations, arenas (forums and programmes), engagements."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from arena.register.models.base import (
    Period,
    Provenance,
    RecordHistory,
    parent_cycle_check,
    span_order_constraint,
)
from arena.register.models.names import NamedEntity
from arena.urlcache import reverse_id


class Organisation(NamedEntity):
    """An organisation the directorate works with or through: international organisations and their bodies,
    EU institutions and agencies, national partners, NGOs and foreign authorities."""

    class Kind(models.TextChoices):
        INTERNATIONAL = "international", _("Internasjonal organisasjon")
        EU_INSTITUTION = "eu_institution", _("EU-institusjon")
        EU_AGENCY = "eu_agency", _("EU-byrå")
        NATIONAL_MINISTRY = "national_ministry", _("Departement")
        NATIONAL_AGENCY = "national_agency", _("Nasjonal etat eller institusjon")
        NATIONAL_ORGANISATION = "national_organisation", _("Nasjonal organisasjon")
        NGO = "ngo", _("Frivillig organisasjon")
        FOREIGN_AUTHORITY = "foreign_authority", _("Utenlandsk myndighet")
        NETWORK = "network", _("Nettverk eller sammenslutning")
        OTHER = "other", _("Annet")

    NATIONAL_KINDS = (Kind.NATIONAL_MINISTRY, Kind.NATIONAL_AGENCY, Kind.NATIONAL_ORGANISATION)

    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("overordnet organisasjon"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    country = models.ForeignKey(
        "register.Country", verbose_name=_("land"), null=True, blank=True, on_delete=models.PROTECT
    )
    website = models.URLField(_("nettsted"), blank=True)
    description = models.TextField(_("beskrivelse"), blank=True)
    history = RecordHistory(names=True)

    class Meta:
        verbose_name = _("organisasjon")
        verbose_name_plural = _("organisasjoner")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["name"], name="register_organisation_name"),
            models.Index(fields=["kind"], name="register_organisation_kind"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "abbreviation"],
                condition=~Q(abbreviation=""),
                name="register_organisation_unique_abbreviation_per_kind",
                violation_error_message=_(
                    "En annen organisasjon av samme type har allerede denne forkortelsen."
                ),
            ),
            models.UniqueConstraint(
                Lower("name"),
                name="register_organisation_unique_name",
                violation_error_message=_("En organisasjon med dette navnet finnes allerede."),
            ),
        ]

    @property
    def is_national_partner(self) -> bool:
        return self.kind in self.NATIONAL_KINDS

    def clean(self):
        super().clean()
        parent_cycle_check(self, _("En organisasjon kan ikke ligge under seg selv."))

    def get_absolute_url(self) -> str:
        return reverse_id("organisation-detail", self.pk)


class Arena(NamedEntity, Period):
    """Where the work happens: a governing body, committee, working or expert group, network, conference,
    or a programme, Joint Action or project (with its period and countries)."""

    class Kind(models.TextChoices):
        GOVERNING_BODY = "governing_body", _("Styrende organ")
        COMMITTEE = "committee", _("Komité")
        WORKING_GROUP = "working_group", _("Arbeidsgruppe")
        EXPERT_GROUP = "expert_group", _("Ekspertgruppe")
        NETWORK = "network", _("Nettverk")
        MEETING = "meeting", _("Fast møte")
        CONFERENCE = "conference", _("Konferanse")
        PROGRAMME = "programme", _("Program")
        JOINT_ACTION = "joint_action", _("Joint Action")
        PROJECT = "project", _("Prosjekt")
        AGREEMENT = "agreement", _("Avtale eller regelverkssamarbeid")
        REPORTING = "reporting", _("Rapportering")
        OTHER = "other", _("Annet")

    PROGRAMME_KINDS = (Kind.PROGRAMME, Kind.JOINT_ACTION, Kind.PROJECT)

    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisasjon"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="arenas",
        help_text=_("Organisasjonen arenaen hører inn under, om noen."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("overordnet arena eller program"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    countries = models.ManyToManyField(
        "register.Country", verbose_name=_("land"), blank=True, related_name="arenas"
    )
    website = models.URLField(_("nettsted"), blank=True)
    description = models.TextField(_("beskrivelse"), blank=True)
    history = RecordHistory(m2m_fields=[countries], names=True)

    class Meta(Period.Meta):
        verbose_name = _("arena")
        verbose_name_plural = _("arenaer")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["name"], name="register_arena_name"),
            models.Index(fields=["kind"], name="register_arena_kind"),
        ]
        constraints = [
            *Period.Meta.constraints,
            models.UniqueConstraint(
                fields=["kind", "abbreviation"],
                condition=~Q(abbreviation=""),
                name="register_arena_unique_abbreviation_per_kind",
                violation_error_message=_("En annen arena av samme type har allerede denne forkortelsen."),
            ),
            models.UniqueConstraint(
                Lower("name"),
                name="register_arena_unique_name",
                violation_error_message=_("En arena med dette navnet finnes allerede."),
            ),
        ]

    @property
    def is_programme(self) -> bool:
        return self.kind in self.PROGRAMME_KINDS

    def clean(self):
        super().clean()
        parent_cycle_check(self, _("En arena kan ikke ligge under seg selv."))

    def get_absolute_url(self) -> str:
        return reverse_id("arena-detail", self.pk)


class Engagement(Period, Provenance):
    """The standing fact 'U takes part in arena A as R, since S': who from Norway sits where. The holder is
    either one of the directorate's units or a national partner (a ministry, agency or national organisation:
    HOD, FHI, Norad, DMP …), never both, so an arena's page shows Norway's whole participation."""

    class Role(models.TextChoices):
        PARTICIPANT = "participant", _("Deltaker")
        LEAD = "lead", _("Leder, koordinator eller formann")
        CONTACT_POINT = "contact_point", _("Nasjonalt kontaktpunkt, focal point eller kompetent myndighet")
        MEMBER = "member", _("Medlem")
        OBSERVER = "observer", _("Observatør eller bisitter")
        BOARD_MEMBER = "board_member", _("Styremedlem")
        BOARD_DEPUTY = "board_deputy", _("Varamedlem i styre")
        DONOR_PROGRAMME_PARTNER = "donor_programme_partner", _("Donorprogrampartner")
        PROJECT_PARTNER = "project_partner", _("Prosjektpartner")

    unit = models.ForeignKey(
        "register.Unit",
        verbose_name=_("enhet"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="engagements",
    )
    partner = models.ForeignKey(
        Organisation,
        verbose_name=_("nasjonal partner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="engagements",
        limit_choices_to={"kind__in": Organisation.NATIONAL_KINDS},
        help_text=_("En norsk aktør utenfor direktoratet som deltar (departement, etat, institutt …)."),
    )
    arena = models.ForeignKey(
        Arena, verbose_name=_("arena"), on_delete=models.PROTECT, related_name="engagements"
    )
    role = models.CharField(_("rolle"), max_length=30, choices=Role.choices, default=Role.PARTICIPANT)
    people = models.ManyToManyField(
        "register.Person", verbose_name=_("personer"), blank=True, related_name="engagements"
    )
    areas = models.ManyToManyField(
        "register.Area", verbose_name=_("satsningsområder og mål"), blank=True, related_name="engagements"
    )
    note = models.TextField(_("merknad"), blank=True)
    history = RecordHistory(m2m_fields=[people, areas])

    class Meta(Period.Meta):
        verbose_name = _("deltakelse")
        verbose_name_plural = _("deltakelser")
        ordering = ["unit", "arena__name", "role"]
        indexes = [models.Index(fields=["role"], name="register_engagement_role")]
        constraints = [
            *Period.Meta.constraints,
            span_order_constraint("engagement"),
            models.UniqueConstraint(
                fields=["unit", "arena", "role"],
                condition=Q(ends_on__isnull=True),
                name="register_engagement_unique_open",
                violation_error_message=_(
                    "Enheten har allerede en pågående deltakelse med denne rollen i arenaen."
                ),
            ),
            models.UniqueConstraint(
                fields=["partner", "arena", "role"],
                condition=Q(ends_on__isnull=True, partner__isnull=False),
                name="register_engagement_unique_open_partner",
                violation_error_message=_(
                    "Partneren har allerede en pågående deltakelse med denne rollen i arenaen."
                ),
            ),
            models.CheckConstraint(
                condition=Q(unit__isnull=False, partner__isnull=True)
                | Q(unit__isnull=True, partner__isnull=False),
                name="register_engagement_one_holder",
                violation_error_message=_(
                    "En deltakelse hører til enten en enhet i direktoratet eller en nasjonal partner, ikke "
                    "begge og ikke ingen."
                ),
            ),
        ]

    @property
    def holder(self):
        """Who takes part: the unit, or the national partner."""
        return self.unit if self.unit_id else self.partner

    @property
    def is_partner_engagement(self) -> bool:
        return self.partner_id is not None

    def clean(self):
        super().clean()
        if self.partner_id and not self.partner.is_national_partner:
            raise ValidationError(
                {
                    "partner": _(
                        "Bare norske departementer, etater og organisasjoner kan være nasjonale partnere."
                    )
                }
            )

    def __str__(self) -> str:
        holder = self.holder
        name = holder.short_name if holder is not None else "–"
        return f"{name} – {self.arena.short_name} ({self.get_role_display()})"

    def get_absolute_url(self) -> str:
        return reverse_id("engagement-detail", self.pk)
