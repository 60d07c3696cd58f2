"""The directorate's own structure: units (divisions, departments, teams) and the people in them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from arena.register.models.base import Period, RecordHistory, parent_cycle_check
from arena.register.models.names import NamedEntity
from arena.urlcache import reverse_id


class Unit(NamedEntity):
    """A division, department or team of the directorate. International responsibility follows national
    responsibility: a unit owns the arenas of its field. One unit is the coordinator (global health)."""

    class Kind(models.TextChoices):
        DIRECTORATE = "directorate", _("Direktorat")
        DIVISION = "division", _("Divisjon")
        DEPARTMENT = "department", _("Avdeling")
        TEAM = "team", _("Team eller program")

    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("overordnet enhet"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_coordinator = models.BooleanField(
        _("koordinerende enhet"),
        default=False,
        help_text=_("Enheten som koordinerer det internasjonale arbeidet (global helse)."),
    )
    description = models.TextField(_("beskrivelse"), blank=True)
    history = RecordHistory(names=True)

    class Meta:
        verbose_name = _("enhet")
        verbose_name_plural = _("enheter")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "abbreviation"],
                condition=~Q(abbreviation=""),
                name="register_unit_unique_abbreviation_per_kind",
                violation_error_message=_("En annen enhet av samme type har allerede denne forkortelsen."),
            ),
            models.UniqueConstraint(
                fields=["is_coordinator"],
                condition=Q(is_coordinator=True),
                name="register_unit_single_coordinator",
                violation_error_message=_("Bare én enhet kan være koordinerende enhet."),
            ),
        ]

    def clean(self):
        super().clean()
        parent_cycle_check(self, _("En enhet kan ikke ligge under seg selv."))

    def get_absolute_url(self) -> str:
        return reverse_id("unit-detail", self.pk)


class Person(models.Model):
    """Someone who takes part in international work; may be linked to a login."""

    given_name = models.CharField(_("fornavn"), max_length=100)
    family_name = models.CharField(_("etternavn"), max_length=100)
    email = models.EmailField(_("e-post"), blank=True)
    title = models.CharField(_("stilling"), max_length=200, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("brukerkonto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    is_fictitious = models.BooleanField(
        _("fiktiv person"), default=False, help_text=_("Plassholder i demodata, ikke en virkelig person.")
    )
    history = RecordHistory()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("personer")
        ordering = ["family_name", "given_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["email"],
                condition=~Q(email=""),
                name="register_person_unique_email",
                violation_error_message=_("En annen person har allerede denne e-postadressen."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}"

    def get_absolute_url(self) -> str:
        return reverse_id("person-detail", self.pk)


class UnitRole(Period):
    """A person's role on a unit: the unit's international contact, the coordinator, a member, the leader."""

    class Role(models.TextChoices):
        INTERNATIONAL_CONTACT = "international_contact", _("Internasjonal kontakt")
        COORDINATOR = "coordinator", _("Koordinator")
        LEADER = "leader", _("Leder")
        MEMBER = "member", _("Medarbeider")

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="unit_roles"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("enhet"), on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("rolle"), max_length=30, choices=Role.choices)
    history = RecordHistory()

    class Meta(Period.Meta):
        verbose_name = _("rolle i enhet")
        verbose_name_plural = _("roller i enheter")
        ordering = ["unit", "role", "person"]
        constraints = [
            *Period.Meta.constraints,
            models.UniqueConstraint(
                fields=["person", "unit", "role"],
                condition=Q(ends_on__isnull=True),
                name="register_unitrole_unique_open_role",
                violation_error_message=_("Personen har allerede denne rollen i enheten."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()}, {self.unit.short_name}"

    def get_absolute_url(self) -> str:
        return reverse_id("unit-detail", self.unit_id) + "#roller"
