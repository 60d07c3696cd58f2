"""`{% invitations_of arena %}`: the invitations concerning an arena, for its page (facts only, no bodies)."""

from django import template

register = template.Library()


@register.inclusion_tag("invitations/includes/arena_invitations.html")
def invitations_of(arena, limit: int = 20):
    from arena.invitations.models import Invitation

    rows = Invitation.objects.filter(arena=arena).select_related("unit").order_by("-received_at")
    return {"invitations": list(rows[:limit]), "arena": arena}
