"""Names of register entities: canonical names, abbreviations and aliases as first-class, searchable rows."""

from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from arena.register.models.labels import ChoiceLabels
from arena.register.normalize import normalize_name


class Alias(models.Model):
    """One name an organisation, arena or unit is known by (Norwegian, English, abbreviation, other spelling).

    The entity's own name fields are mirrored here too, so every lookup by name is one indexed query on
    `normalized` (case-, width- and dash-insensitive, see `normalize_name`).
    """

    class Kind(models.TextChoices):
        NAME = "name", _("Navn (bokmål)")
        NAME_EN = "name_en", _("Navn (engelsk)")
        ABBREVIATION = "abbreviation", _("Forkortelse")
        ALIAS = "alias", _("Annet navn eller skrivemåte")

    name = models.CharField(_("navn"), max_length=300)
    normalized = models.TextField(_("normalisert navn"), db_index=True, editable=False)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.ALIAS)
    organisation = models.ForeignKey(
        "register.Organisation", null=True, blank=True, on_delete=models.CASCADE, related_name="aliases"
    )
    arena = models.ForeignKey(
        "register.Arena", null=True, blank=True, on_delete=models.CASCADE, related_name="aliases"
    )
    unit = models.ForeignKey(
        "register.Unit", null=True, blank=True, on_delete=models.CASCADE, related_name="aliases"
    )

    class Meta:
        verbose_name = _("navn")
        verbose_name_plural = _("navn og forkortelser")
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(organisation__isnull=False, arena__isnull=True, unit__isnull=True)
                    | Q(organisation__isnull=True, arena__isnull=False, unit__isnull=True)
                    | Q(organisation__isnull=True, arena__isnull=True, unit__isnull=False)
                ),
                name="register_alias_exactly_one_owner",
                violation_error_message=_("Et navn må høre til nøyaktig én organisasjon, arena eller enhet."),
            ),
            models.UniqueConstraint(
                fields=["organisation", "normalized"],
                condition=Q(organisation__isnull=False),
                name="register_alias_unique_per_organisation",
                violation_error_message=_("Organisasjonen har allerede dette navnet."),
            ),
            models.UniqueConstraint(
                fields=["arena", "normalized"],
                condition=Q(arena__isnull=False),
                name="register_alias_unique_per_arena",
                violation_error_message=_("Arenaen har allerede dette navnet."),
            ),
            models.UniqueConstraint(
                fields=["unit", "normalized"],
                condition=Q(unit__isnull=False),
                name="register_alias_unique_per_unit",
                violation_error_message=_("Enheten har allerede dette navnet."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.normalized = normalize_name(self.name)
        super().save(*args, **kwargs)

    def validate_constraints(self, exclude=None):
        # `normalized` is derived, so forms never include it; check the uniqueness rules on it all the same.
        self.normalized = normalize_name(self.name)
        exclude = set(exclude or ()) - {"normalized", "organisation", "arena", "unit"}
        super().validate_constraints(exclude=exclude)

    @property
    def owner(self):
        return self.organisation or self.arena or self.unit


class NamedEntity(ChoiceLabels, models.Model):
    """Abstract base for register entities known by names: keeps their Alias rows in step with name fields."""

    name = models.CharField(_("navn"), max_length=300)
    name_en = models.CharField(_("engelsk navn"), max_length=300, blank=True)
    abbreviation = models.CharField(_("forkortelse"), max_length=40, blank=True)
    key = models.SlugField(
        _("referansenøkkel"),
        max_length=80,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Fast nøkkel for referansedata og import; endres ikke når navnet endres."),
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.label(self.name, self.abbreviation)

    def save(self, *args, **kwargs):
        with transaction.atomic():
            super().save(*args, **kwargs)
            sync_names(self)

    @property
    def short_name(self) -> str:
        return self.abbreviation or self.name

    @staticmethod
    def label(name: str, abbreviation: str) -> str:
        """The str() of an entity with these names, for rows read without making instances."""
        if abbreviation and abbreviation.casefold() not in name.casefold():
            return f"{name} ({abbreviation})"
        return name


# The name table's upkeep. Low-level: these write Alias rows only. Changes a person makes go through the
# register's write path (arena.register.changes), which also records them in the owner's history.

_MIRRORED = (
    ("name", Alias.Kind.NAME),
    ("name_en", Alias.Kind.NAME_EN),
    ("abbreviation", Alias.Kind.ABBREVIATION),
)


def _owner(entity) -> dict:
    """The Alias filter for an entity: its model name is the Alias foreign key's name."""
    return {entity._meta.model_name: entity}


def sync_names(entity) -> None:
    """Make the entity's own name fields present as Alias rows, and drop mirrored rows that no longer match.

    Aliases of kind ALIAS are the user's own and are never removed here.
    """
    rows = Alias.objects.filter(**_owner(entity))
    wanted = {}
    for attr, kind in _MIRRORED:
        value = (getattr(entity, attr) or "").strip()
        if value:
            wanted.setdefault(normalize_name(value), (value, kind))
    rows.filter(kind__in=[k for _, k in _MIRRORED]).exclude(normalized__in=wanted).delete()
    existing = {a.normalized: a for a in rows}
    for normalized, (value, kind) in wanted.items():
        alias = existing.get(normalized)
        if alias is None:
            Alias.objects.create(name=value, kind=kind, **_owner(entity))
        elif alias.kind != kind and alias.kind != Alias.Kind.ALIAS:
            alias.kind, alias.name = kind, value
            alias.save(update_fields=["kind", "name", "normalized"])


def other_names(entity) -> list[str]:
    """The entity's other names and spellings (the ALIAS rows), sorted."""
    if entity.pk is None:
        return []
    return sorted(
        Alias.objects.filter(**_owner(entity), kind=Alias.Kind.ALIAS).values_list("name", flat=True)
    )


def unknown_names(entity, names) -> list[str]:
    """Those of `names` the entity is not known by yet (under any kind of name), in order, without repeats."""
    known = (
        set(Alias.objects.filter(**_owner(entity)).values_list("normalized", flat=True))
        if entity.pk
        else set()
    )
    result = []
    for value in names:
        value = (value or "").strip()
        normalized = normalize_name(value)
        if value and normalized not in known:
            known.add(normalized)
            result.append(value)
    return result


def add_alias_rows(entity, names) -> list[str]:
    """Record other names of an entity, skipping those it already has (any kind); returns the added names."""
    added = []
    known = set(Alias.objects.filter(**_owner(entity)).values_list("normalized", flat=True))
    for value in names:
        value = (value or "").strip()
        normalized = normalize_name(value)
        if value and normalized not in known:
            Alias.objects.create(name=value, kind=Alias.Kind.ALIAS, **_owner(entity))
            known.add(normalized)
            added.append(value)
    return added


def set_alias_rows(entity, names) -> None:
    """Make the entity's ALIAS rows exactly `names` (the mirrored name fields are kept by `sync_names`)."""
    wanted = {normalize_name(n): n.strip() for n in names if (n or "").strip()}
    current = Alias.objects.filter(**_owner(entity), kind=Alias.Kind.ALIAS)
    current.exclude(normalized__in=wanted).delete()
    add_alias_rows(entity, wanted.values())
