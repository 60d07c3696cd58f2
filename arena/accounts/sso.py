"""Single sign-on as plain functions: who a verified ID token is, and which Arena roles its app roles give.

Shaped for Microsoft Entra ID. A person is keyed on the token's issuer and its immutable object id (`oid`,
`ARENA_OIDC_ID_CLAIM`), never on e-mail or user name. Entra's *app roles* arrive in the `roles` claim and map to
Arena's personas:

- `ARENA_OIDC_COORDINATOR_ROLE` (default `Koordinator`): the coordinator role on the coordinating unit;
- `ARENA_OIDC_CONTACT_ROLE_PREFIX` + a unit's abbreviation (default `Kontakt.`, e.g. `Kontakt.KF`): the
  international contact of that unit;
- `ARENA_OIDC_READER_ROLE` (default `Leser`): a reader (no unit role).

The roles are ordinary `UnitRole` rows written through the register's write path (attributed to the system,
action `sso`), so `Access` — which decides from current roles — needs nothing special. Sign-in remembers what
it granted (`OidcRoleGrant`) and ends exactly those roles when a later token no longer carries them; roles given
by hand in Arena are left alone. A token with none of Arena's roles is refused, unless
`ARENA_OIDC_UNKNOWN_USERS=reader` lets everyone the provider signs in read.
"""

from __future__ import annotations

import datetime
import logging
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from arena.accounts.models import OidcIdentity, OidcRoleGrant
from arena.register import changes
from arena.register.contacts import current_on
from arena.register.models import Person, Unit, UnitRole
from arena.register.permissions import Access

log = logging.getLogger(__name__)

MANAGED = (UnitRole.Role.COORDINATOR, UnitRole.Role.INTERNATIONAL_CONTACT)


class SignInRefused(Exception):
    """The provider signed the person in, but Arena does not let them in; the message says why (bokmål)."""


@dataclass(frozen=True)
class AppRoles:
    """What the token's `roles` claim says, in Arena's terms."""

    coordinator: bool = False
    reader: bool = False
    contact_units: frozenset[str] = frozenset()  # unit abbreviations

    @property
    def any(self) -> bool:
        return self.coordinator or self.reader or bool(self.contact_units)


def read_app_roles(values) -> AppRoles:
    """Map the `roles` claim (a list of strings; anything else counts as none) to Arena's roles. Values that
    are not Arena's are ignored."""
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, (list, tuple)):
        return AppRoles()
    prefix = settings.ARENA_OIDC_CONTACT_ROLE_PREFIX
    coordinator = reader = False
    units: set[str] = set()
    for value in values:
        if not isinstance(value, str):
            continue
        if value == settings.ARENA_OIDC_COORDINATOR_ROLE:
            coordinator = True
        elif value == settings.ARENA_OIDC_READER_ROLE:
            reader = True
        elif prefix and value.startswith(prefix) and value[len(prefix) :].strip():
            units.add(value[len(prefix) :].strip())
    return AppRoles(coordinator, reader, frozenset(units))


def wanted_unit_roles(roles: AppRoles) -> set[tuple[int, str]]:
    """(unit id, role) pairs the app roles call for. A role naming no unit, or a unit abbreviation shared by
    several units, is left out and logged."""
    wanted: set[tuple[int, str]] = set()
    if roles.coordinator:
        unit = Unit.objects.filter(is_coordinator=True).values_list("pk", flat=True).first()
        if unit is None:
            log.warning(
                "SSO: app role %s, but no unit is the coordinating unit", settings.ARENA_OIDC_COORDINATOR_ROLE
            )
        else:
            wanted.add((unit, UnitRole.Role.COORDINATOR))
    for abbreviation in sorted(roles.contact_units):
        units = list(Unit.objects.filter(abbreviation__iexact=abbreviation).values_list("pk", flat=True)[:2])
        if len(units) == 1:
            wanted.add((units[0], UnitRole.Role.INTERNATIONAL_CONTACT))
        else:
            log.warning(
                "SSO: app role for unit %r matches %s units; ignored", abbreviation, len(units) or "no"
            )
    return wanted


def _person_of(user) -> Person:
    """The user's person in the register, created (through the write path) if there is none. The e-mail is
    copied only if no other person has it: people are never matched by e-mail."""
    person = Person.objects.filter(user=user).first()
    if person is not None:
        return person
    email = user.email if user.email and not Person.objects.filter(email__iexact=user.email).exists() else ""
    person = Person(
        given_name=(user.first_name or user.username)[:100],
        family_name=user.last_name[:100],
        email=email,
        user=user,
    )
    return changes.save(person, by=Access.system(), action=changes.SSO)


def _end(role: UnitRole, on: datetime.date) -> None:
    """End a role so that it is no longer current on `on`. A role that began that day is removed instead
    (an end before the start is not a period); its versions keep the record of it."""
    if role.starts_on is not None and role.starts_on >= on:
        changes.delete(role, by=Access.system(), action=changes.SSO)
    else:
        role.ends_on = on - datetime.timedelta(days=1)
        changes.save(role, by=Access.system(), action=changes.SSO)


def sync_unit_roles(identity: OidcIdentity, roles: AppRoles, on: datetime.date | None = None) -> None:
    """Make the user's coordinator and contact roles follow the token: grant the missing ones, end the ones
    sign-in granted earlier that the token no longer carries. One transaction."""
    on = on or timezone.localdate()
    wanted = wanted_unit_roles(roles)
    user = identity.user
    with transaction.atomic():
        current = UnitRole.objects.filter(current_on(on), person__user=user, role__in=MANAGED)
        held = {(r.unit_id, r.role) for r in current}
        for grant in identity.grants.select_related("unit_role").filter(
            unit_role__in=UnitRole.objects.filter(current_on(on))
        ):
            role = grant.unit_role
            if (role.unit_id, role.role) not in wanted:
                _end(role, on)
        missing = wanted - held
        if missing:
            person = _person_of(user)
            for unit_id, role_name in sorted(missing):
                role = UnitRole(person=person, unit_id=unit_id, role=role_name, starts_on=on)
                changes.save(role, by=Access.system(), action=changes.SSO)
                OidcRoleGrant.objects.create(identity=identity, unit_role=role)


def _names(claims: dict) -> tuple[str, str]:
    given, family = claims.get("given_name") or "", claims.get("family_name") or ""
    if not (given or family) and isinstance(claims.get("name"), str):
        given, _sep, family = claims["name"].strip().rpartition(" ")
        if not given:
            given, family = family, ""
    return str(given)[:150], str(family)[:150]


def _email(claims: dict) -> str:
    for key in ("email", "preferred_username"):
        value = claims.get(key)
        if isinstance(value, str) and "@" in value and len(value) <= 254:
            return value
    return ""


def _new_username(claims: dict, oid: str) -> str:
    User = get_user_model()
    base = claims.get("preferred_username") or claims.get("email") or oid
    base = re.sub(r"[^\w.@+-]", "", str(base))[:140] or "sso"
    name, n = base, 1
    while User.objects.filter(username__iexact=name).exists():
        n += 1
        name = f"{base}-{n}"
    return name


def sign_in(claims: dict, issuer: str):
    """The user a verified ID token's claims stand for, created or updated, with their unit roles synced.
    Raises SignInRefused (with a bokmål message) when Arena does not let the person in."""
    oid = claims.get(settings.ARENA_OIDC_ID_CLAIM)
    if not isinstance(oid, str) or not oid.strip():
        raise SignInRefused(
            _("Innloggingen manglet brukerens ID (%(claim)s). Kontakt den som drifter Arena.")
            % {"claim": settings.ARENA_OIDC_ID_CLAIM}
        )
    roles = read_app_roles(claims.get("roles"))
    if not roles.any and settings.ARENA_OIDC_UNKNOWN_USERS != "reader":
        raise SignInRefused(
            _(
                "Du er logget inn hos %(provider)s, men har ingen rolle i Arena. Be den som forvalter Arena om "
                "tilgang."
            )
            % {"provider": settings.ARENA_OIDC_PROVIDER_NAME}
        )
    User = get_user_model()
    given, family = _names(claims)
    email = _email(claims)
    with transaction.atomic():
        identity = OidcIdentity.objects.select_related("user").filter(issuer=issuer, oid=oid).first()
        if identity is None:
            user = User(username=_new_username(claims, oid), first_name=given, last_name=family, email=email)
            user.set_unusable_password()
            user.save()
            identity = OidcIdentity.objects.create(user=user, issuer=issuer, oid=oid)
            log.info("SSO: new user %s for %s", user.username, oid)
        else:
            user = identity.user
            if not user.is_active:
                raise SignInRefused(_("Brukerkontoen din i Arena er deaktivert."))
            updates = {"first_name": given, "last_name": family, "email": email}
            changed = [field for field, value in updates.items() if value and getattr(user, field) != value]
            for field in changed:
                setattr(user, field, updates[field])
            if changed:
                user.save(update_fields=changed)
        identity.last_sign_in = timezone.now()
        identity.save(update_fields=["last_sign_in"])
        sync_unit_roles(identity, roles)
    return user
