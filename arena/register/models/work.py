"""A year's work and what steers it: activities, outlooks, strategy frameworks and guiding documents."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from arena.register.models.base import Provenance, RecordHistory, span_order_constraint
from arena.register.normalize import normalize_name
from arena.urlcache import reverse_id

YEAR_RANGE = Q(year__gte=1990) & Q(year__lte=2100)


class Framework(models.Model):
    """A set of tags a piece of work can serve: the ministry's international strategy, the UN SDGs."""

    code = models.SlugField(_("kode"), max_length=50, unique=True)
    name = models.CharField(_("navn"), max_length=300)
    name_en = models.CharField(_("engelsk navn"), max_length=300, blank=True)
    owner = models.ForeignKey(
        "register.Organisation", verbose_name=_("eier"), null=True, blank=True, on_delete=models.PROTECT
    )
    starts_year = models.PositiveSmallIntegerField(_("gjelder fra år"), null=True, blank=True)
    ends_year = models.PositiveSmallIntegerField(_("gjelder til år"), null=True, blank=True)

    class Meta:
        verbose_name = _("rammeverk")
        verbose_name_plural = _("rammeverk")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_year__isnull=True)
                | Q(ends_year__isnull=True)
                | Q(ends_year__gte=models.F("starts_year")),
                name="register_framework_period_order",
                violation_error_message=_("Sluttåret kan ikke være før startåret."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Area(models.Model):
    """One priority area or goal of a framework (e.g. 'digital helse', SDG 3)."""

    framework = models.ForeignKey(
        Framework, verbose_name=_("rammeverk"), on_delete=models.CASCADE, related_name="areas"
    )
    code = models.SlugField(_("kode"), max_length=50)
    number = models.PositiveSmallIntegerField(_("nummer"))
    name = models.CharField(_("navn"), max_length=300)
    name_en = models.CharField(_("engelsk navn"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("satsningsområde eller mål")
        verbose_name_plural = _("satsningsområder og mål")
        ordering = ["framework", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "code"],
                name="register_area_unique_code",
                violation_error_message=_("Rammeverket har allerede et område med denne koden."),
            ),
            models.UniqueConstraint(
                fields=["framework", "number"],
                name="register_area_unique_number",
                violation_error_message=_("Rammeverket har allerede et område med dette nummeret."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse_id("area-detail", self.pk)


class Activity(Provenance):
    """A year's piece of international work by one or more units: a meeting series, a contribution, a lead
    role, a deployment, a webinar, an evaluation."""

    class Kind(models.TextChoices):
        PARTICIPATION = "participation", _("Deltakelse i møter og arbeid")
        LEADERSHIP = "leadership", _("Ledelse eller koordinering")
        CONTRIBUTION = "contribution", _("Faglig bidrag eller innspill")
        REPORTING = "reporting", _("Rapportering")
        PROJECT = "project", _("Prosjektarbeid")
        DEPLOYMENT = "deployment", _("Utsendelse eller bistand")
        EVENT = "event", _("Arrangement eller webinar")
        MONITORING = "monitoring", _("Følge med og følge opp")
        OTHER = "other", _("Annet")

    year = models.PositiveSmallIntegerField(_("år"), db_index=True)
    title = models.CharField(_("tittel"), max_length=300)
    description = models.TextField(_("beskrivelse"), blank=True)
    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices, default=Kind.PARTICIPATION)
    units = models.ManyToManyField(
        "register.Unit", verbose_name=_("ansvarlige enheter"), related_name="activities"
    )
    arenas = models.ManyToManyField(
        "register.Arena", verbose_name=_("arenaer"), blank=True, related_name="activities"
    )
    partners = models.ManyToManyField(
        "register.Organisation", verbose_name=_("samarbeidspartnere"), blank=True, related_name="activities"
    )
    countries = models.ManyToManyField(
        "register.Country", verbose_name=_("land"), blank=True, related_name="activities"
    )
    areas = models.ManyToManyField(
        Area, verbose_name=_("satsningsområder og mål"), blank=True, related_name="activities"
    )
    main_area = models.ForeignKey(
        Area,
        verbose_name=_("hovedområde"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="main_activities",
        help_text=_("Området aktiviteten omtales under i en årsmelding ordnet etter satsningsområder."),
    )

    search_text = models.TextField(_("søketekst"), blank=True, editable=False)
    history = RecordHistory(
        m2m_fields=[units, arenas, partners, countries, areas], excluded_fields=["search_text"]
    )

    class Meta:
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")
        ordering = ["-year", "title"]
        indexes = [
            models.Index(fields=["-year", "title"], name="register_activity_list_order"),
            models.Index(fields=["kind"], name="register_activity_kind"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=YEAR_RANGE,
                name="register_activity_year_range",
                violation_error_message=_("Året må være mellom 1990 og 2100."),
            ),
            span_order_constraint("activity"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"

    def save(self, *args, **kwargs):
        self.search_text = normalize_name(f"{self.title} {self.description}")
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse_id("activity-detail", self.pk)


class Outlook(models.Model):
    """A unit's view, given in a year, of what will matter internationally in the coming years."""

    unit = models.ForeignKey(
        "register.Unit", verbose_name=_("enhet"), on_delete=models.CASCADE, related_name="outlooks"
    )
    year = models.PositiveSmallIntegerField(_("år"))
    text = models.TextField(_("hva blir viktig fremover"))
    areas = models.ManyToManyField(
        Area, verbose_name=_("satsningsområder og mål"), blank=True, related_name="outlooks"
    )
    arenas = models.ManyToManyField(
        "register.Arena", verbose_name=_("arenaer"), blank=True, related_name="outlooks"
    )

    history = RecordHistory(m2m_fields=[areas, arenas])

    class Meta:
        verbose_name = _("utsyn")
        verbose_name_plural = _("utsyn")
        ordering = ["-year", "unit"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year"],
                name="register_outlook_unique_unit_year",
                violation_error_message=_("Enheten har allerede et utsyn for dette året."),
            ),
            models.CheckConstraint(
                condition=YEAR_RANGE,
                name="register_outlook_year_range",
                violation_error_message=_("Året må være mellom 1990 og 2100."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit.short_name} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse_id("unit-detail", self.unit_id) + f"#utsyn-{self.year}"


class GuidingDocument(models.Model):
    """The mandate and national documents that steer the international work (the report's appendix)."""

    class Kind(models.TextChoices):
        ALLOCATION_LETTER = "allocation_letter", _("Tildelingsbrev")
        WHITE_PAPER = "white_paper", _("Stortingsmelding")
        BUDGET_PROPOSITION = "budget_proposition", _("Budsjettproposisjon")
        STRATEGY = "strategy", _("Strategi")
        WORK_PROGRAMME = "work_programme", _("Arbeidsprogram eller handlingsplan")
        AGREEMENT = "agreement", _("Avtale")

    class Category(models.TextChoices):
        MANDATE = "mandate", _("Oppdrag")
        FOREIGN_POLICY = "foreign_policy", _("Utenrikspolitikk generelt")
        SDG = "sdg", _("FNs bærekraftsmål")
        EUROPE = "europe", _("Europapolitikk")
        NORDIC = "nordic", _("Norden")
        HIGH_NORTH = "high_north", _("Nordområdene")
        BILATERAL = "bilateral", _("Bilaterale helsesamarbeidsavtaler")
        HEALTH = "health", _("Internasjonal helsepolitikk")

    title = models.CharField(_("tittel"), max_length=300)
    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices)
    category = models.CharField(_("kategori"), max_length=30, choices=Category.choices)
    reference = models.CharField(
        _("referanse"), max_length=100, blank=True, help_text=_("F.eks. «Meld. St. 36 (2016–2017)».")
    )
    issued_by = models.ForeignKey(
        "register.Organisation", verbose_name=_("utgitt av"), null=True, blank=True, on_delete=models.PROTECT
    )
    year = models.PositiveSmallIntegerField(_("år"), null=True, blank=True)
    url = models.URLField(_("nettadresse"), blank=True, max_length=500)
    countries = models.ManyToManyField("register.Country", verbose_name=_("land"), blank=True)

    history = RecordHistory()

    class Meta:
        verbose_name = _("styringsdokument")
        verbose_name_plural = _("styringsdokumenter")
        ordering = ["category", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["title", "reference"],
                name="register_guidingdocument_unique",
                violation_error_message=_("Dette styringsdokumentet er allerede registrert."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}, {self.reference}" if self.reference else self.title
