"""The monitoring log ("følge med og følge opp"): what the directorate learns from other countries and
organisations — items from embassies, delegations, arena meetings, other authorities, international
organisations, publications and the media — the situations it follows (e.g. the covid-19 pandemic) with their
watched countries, weekly country assessments, RSS/Atom feeds whose entries are proposed as items, and the
weekly and monthly situation reports compiled from them.

Every record but a feed entry's raw data is versioned (RecordHistory) and written through the register's one
write path (arena.register.changes); workflow steps are changes.log entries (arena.monitoring.log_actions).
Who sees and writes what is `Access` (arena.register.permissions): items with access level *team* are seen by
the monitoring team only.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from arena.register.language import local_name
from arena.register.models.base import RecordHistory
from arena.register.models.labels import ChoiceLabels
from arena.reporting.models import IssuedDocument
from arena.urlcache import reverse_id


class Topic(models.Model):
    """A managed topic items and situations are tagged with (covid-19, antimicrobial resistance, …)."""

    key = models.SlugField(_("nøkkel"), max_length=60, unique=True)
    name = models.CharField(_("navn"), max_length=200)
    name_en = models.CharField(_("engelsk navn"), max_length=200, blank=True)
    history = RecordHistory()

    class Meta:
        verbose_name = _("tema")
        verbose_name_plural = _("temaer")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("monitoring-topic", args=[self.key])

    @property
    def display_name(self) -> str:
        """The name in the interface language (English when chosen and known)."""
        return local_name(self)


class SourceKind(models.TextChoices):
    EMBASSY = "embassy", _("Ambassaderapport")
    DELEGATION = "delegation", _("Delegasjon (Genève, Brussel)")
    ARENA_MEETING = "arena_meeting", _("Møte i en arena")
    AUTHORITY = "authority", _("Et annet lands myndighet")
    INTERNATIONAL = "international", _("Internasjonal organisasjon")
    PUBLICATION = "publication", _("Publikasjon")
    MEDIA = "media", _("Media")
    FEED = "feed", _("Nyhetsstrøm (RSS/Atom)")


class AccessLevel(models.TextChoices):
    EVERYONE = "everyone", _("Alle")
    TEAM = "team", _("Bare følge-med-teamet")


class MonitoringItem(ChoiceLabels, models.Model):
    """One thing learned: when, from what kind of source and which one (an organisation or arena of the
    register, or free text), a reference, the countries and topics it concerns, a summary, the team's
    assessment and its relevance for Norway, who wrote it for which unit, and who may see it."""

    date = models.DateField(_("dato"))
    title = models.CharField(_("tittel"), max_length=300)
    source_kind = models.CharField(_("kildetype"), max_length=20, choices=SourceKind.choices)
    source_organisation = models.ForeignKey(
        "register.Organisation",
        verbose_name=_("kilde (organisasjon)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="monitoring_items",
    )
    source_arena = models.ForeignKey(
        "register.Arena",
        verbose_name=_("kilde (arena)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="monitoring_items",
    )
    source_text = models.CharField(_("kilde (fritekst)"), max_length=300, blank=True)
    reference = models.CharField(_("referanse"), max_length=300, blank=True)
    link = models.URLField(_("lenke"), max_length=1000, blank=True)
    countries = models.ManyToManyField(
        "register.Country", verbose_name=_("land"), blank=True, related_name="monitoring_items"
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("temaer"), blank=True, related_name="items")
    summary = models.TextField(_("sammendrag"), blank=True)
    assessment = models.TextField(_("vurdering"), blank=True)
    relevance = models.TextField(_("relevans for Norge"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skrevet av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    unit = models.ForeignKey(
        "register.Unit",
        verbose_name=_("enhet"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="monitoring_items",
    )
    access_level = models.CharField(
        _("tilgang"), max_length=20, choices=AccessLevel.choices, default=AccessLevel.EVERYONE
    )
    created_at = models.DateTimeField(_("registrert"), auto_now_add=True)
    history = RecordHistory(m2m_fields=[countries, topics])

    class Meta:
        verbose_name = _("følge-med-notis")
        verbose_name_plural = _("følge-med-notiser")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["-date", "-id"], name="monitoring_item_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(source_organisation__isnull=True) | Q(source_arena__isnull=True),
                name="monitoring_monitoringitem_one_source",
                violation_error_message=_("Velg en organisasjon eller en arena som kilde, ikke begge."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse_id("monitoring-item", self.pk)

    @property
    def source_display(self) -> str:
        source = self.source_organisation or self.source_arena
        return str(source) if source else self.source_text

    @property
    def is_restricted(self) -> bool:
        return self.access_level == AccessLevel.TEAM


class Situation(models.Model):
    """Something followed over time — the covid-19 pandemic — with its watched countries and topics."""

    name = models.CharField(_("navn"), max_length=300, unique=True)
    description = models.TextField(_("beskrivelse"), blank=True)
    starts_on = models.DateField(_("fra"))
    ends_on = models.DateField(_("til"), null=True, blank=True)
    countries = models.ManyToManyField(
        "register.Country", verbose_name=_("land som følges"), blank=True, related_name="+"
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("temaer"), blank=True, related_name="situations")
    history = RecordHistory(m2m_fields=[countries, topics])

    class Meta:
        verbose_name = _("situasjon")
        verbose_name_plural = _("situasjoner")
        ordering = ["-starts_on", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse_id("monitoring-situation", self.pk)


class CountryAssessment(models.Model):
    """A watched country's situation in one ISO week, in the fixed structure: measures, health services,
    testing and vaccination, and what Norway can learn — drawing on the week's items."""

    situation = models.ForeignKey(
        Situation, verbose_name=_("situasjon"), on_delete=models.CASCADE, related_name="assessments"
    )
    country = models.ForeignKey(
        "register.Country", verbose_name=_("land"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("år (ISO)"))
    week = models.PositiveSmallIntegerField(_("uke (ISO)"))
    measures = models.TextField(_("tiltak"), blank=True)
    health_services = models.TextField(_("helsetjenesten"), blank=True)
    testing_vaccination = models.TextField(_("testing og vaksinasjon"), blank=True)
    lessons = models.TextField(_("hva Norge kan lære"), blank=True)
    items = models.ManyToManyField(
        MonitoringItem, verbose_name=_("notiser"), blank=True, related_name="assessments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skrevet av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = RecordHistory(m2m_fields=[items])

    class Meta:
        verbose_name = _("landvurdering")
        verbose_name_plural = _("landvurderinger")
        ordering = ["-year", "-week", "country__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["situation", "country", "year", "week"],
                name="monitoring_countryassessment_unique_week",
                violation_error_message=_("Landet har allerede en vurdering for denne uken."),
            ),
            models.CheckConstraint(
                condition=Q(week__gte=1) & Q(week__lte=53),
                name="monitoring_countryassessment_week_range",
                violation_error_message=_("Uken må være mellom 1 og 53."),
            ),
        ]

    def __str__(self) -> str:
        return _("%(country)s, uke %(week)d %(year)d") % {
            "country": self.country,
            "week": self.week,
            "year": self.year,
        }

    def get_absolute_url(self) -> str:
        return reverse_id("monitoring-assessment", self.pk)

    @property
    def monday(self) -> datetime.date:
        return datetime.date.fromisocalendar(self.year, self.week, 1)


class FeedSource(models.Model):
    """An RSS or Atom feed of a public source, polled by the worker; its entries are proposed as items."""

    name = models.CharField(_("navn"), max_length=200)
    url = models.URLField(_("adresse"), max_length=1000, unique=True)
    source_kind = models.CharField(
        _("kildetype"), max_length=20, choices=SourceKind.choices, default=SourceKind.INTERNATIONAL
    )
    source_organisation = models.ForeignKey(
        "register.Organisation",
        verbose_name=_("organisasjon"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("temaer"), blank=True, related_name="+")
    active = models.BooleanField(_("aktiv"), default=True)
    last_polled_at = models.DateTimeField(_("sist hentet"), null=True, blank=True)
    last_error = models.TextField(_("siste feil"), blank=True)
    # The poll's state (when, what went wrong) is operational, like an issued version's progress: written by
    # arena.monitoring.feeds with update(), not versioned — an hourly poll would otherwise add a version an hour.
    history = RecordHistory(m2m_fields=[topics], excluded_fields=["last_polled_at", "last_error"])

    class Meta:
        verbose_name = _("nyhetsstrøm")
        verbose_name_plural = _("nyhetsstrømmer")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class FeedEntry(models.Model):
    """One entry of a feed, stored once (by its guid, else its link): a proposal the team accepts (it becomes a
    MonitoringItem) or discards. `proposal` holds the linked countries, organisations, arenas and topics."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Foreslått")
        ACCEPTED = "accepted", _("Godtatt")
        DISCARDED = "discarded", _("Forkastet")

    feed = models.ForeignKey(
        FeedSource, verbose_name=_("nyhetsstrøm"), on_delete=models.CASCADE, related_name="entries"
    )
    guid = models.CharField(_("ID"), max_length=1000)
    title = models.CharField(_("tittel"), max_length=300)
    link = models.URLField(_("lenke"), max_length=1000, blank=True)
    published = models.DateField(_("publisert"), null=True, blank=True)
    summary = models.TextField(_("sammendrag"), blank=True)
    proposal = models.JSONField(_("forslag"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED)
    item = models.OneToOneField(
        MonitoringItem,
        verbose_name=_("notis"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feed_entry",
    )
    fetched_at = models.DateTimeField(_("hentet"), auto_now_add=True)
    history = RecordHistory()

    class Meta:
        verbose_name = _("oppføring i nyhetsstrøm")
        verbose_name_plural = _("oppføringer i nyhetsstrømmer")
        ordering = ["-published", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["feed", "guid"],
                name="monitoring_feedentry_unique_guid",
                violation_error_message=_("Denne oppføringen er allerede lagret."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class SituationReport(models.Model):
    """A weekly assessment or monthly international situation report on a situation for a period, compiled
    from the period's items and assessments: draft → review → issued. Each issue is a numbered
    SituationReportVersion with its HTML, DOCX and PDF/A files (the annual report's renderers)."""

    class Kind(models.TextChoices):
        WEEKLY = "weekly", _("Ukentlig situasjonsvurdering")
        MONTHLY = "monthly", _("Månedlig internasjonal situasjonsrapport")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        REVIEW = "review", _("Til gjennomgang")
        ISSUED = "issued", _("Utgitt")

    situation = models.ForeignKey(
        Situation, verbose_name=_("situasjon"), on_delete=models.PROTECT, related_name="reports"
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    starts_on = models.DateField(_("periode fra"))
    ends_on = models.DateField(_("periode til"))
    title = models.CharField(_("tittel"), max_length=300)
    summary = models.TextField(_("sammendrag"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    distribution = models.TextField(
        _("distribusjonsliste"),
        blank=True,
        help_text=_("E-postadresser, én per linje eller skilt med komma."),
    )
    history = RecordHistory()

    class Meta:
        verbose_name = _("situasjonsrapport")
        verbose_name_plural = _("situasjonsrapporter")
        ordering = ["-starts_on", "kind"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="monitoring_situationreport_end_after_start",
                violation_error_message=_("Perioden kan ikke slutte før den begynner."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse_id("monitoring-report", self.pk)

    @property
    def recipients(self) -> list[str]:
        import re

        return [a for a in re.split(r"[\s,;]+", self.distribution) if a]


class SituationReportVersion(IssuedDocument):
    """One issued version of a situation report, with its files (generated by arena.reporting.issuing as the
    document kind "situation_report")."""

    report = models.ForeignKey(
        SituationReport, verbose_name=_("rapport"), on_delete=models.PROTECT, related_name="versions"
    )
    distributed_at = models.DateTimeField(_("sendt ut"), null=True, blank=True)

    document_kind = "situation_report"

    class Meta:
        verbose_name = _("utgitt situasjonsrapport")
        verbose_name_plural = _("utgitte situasjonsrapporter")
        ordering = ["report", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "version"],
                name="monitoring_situationreportversion_unique_version",
                violation_error_message=_("Denne versjonen av rapporten finnes allerede."),
            ),
        ]

    def __str__(self) -> str:
        return _("%(report)s, versjon %(version)d") % {"report": self.report, "version": self.version}

    def get_absolute_url(self) -> str:
        return reverse_id("monitoring-report", self.report_id)

    def file_path(self, filename: str) -> str:
        return f"monitoring/{self.report_id}/v{self.version}/{filename}"
