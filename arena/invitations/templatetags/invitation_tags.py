"""`{% invitations_of arena %}`: the invitations concerning an arena, for its page (facts only, no bodies)."""

from django import template

register = template.Library()


@register.inclusion_tag("invitations/includes/arena_invitations.html")
def invitations_of(arena, limit: int = 20):
    from arena.invitations import listing
    from arena.invitations.models import Invitation

    rows = listing.listed(Invitation.objects.filter(arena=arena)).order_by("-received_at", "-pk")
    return {"invitations": listing.table_rows(rows[:limit]), "arena": arena}
