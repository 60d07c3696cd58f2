"""Labels of the proposals' activity-log actions (arena.register.activity_log)."""

from django.utils.translation import gettext_lazy as _

PROPOSED = "suggestions.proposed"
ACCEPTED = "suggestions.accepted"
MERGED = "suggestions.merged"
MERGED_AWAY = "suggestions.merged_away"
REJECTED = "suggestions.rejected"


def register_labels() -> None:
    from arena.register.activity_log import name_actions

    name_actions(
        {
            PROPOSED: _("foreslo «%(name)s»: %(reason)s"),
            ACCEPTED: _("godtok forslaget «%(name)s»"),
            MERGED: _("slo sammen forslaget «%(name)s» med denne (%(moved)s henvisninger flyttet)"),
            MERGED_AWAY: _("slo sammen forslaget med «%(into)s» (%(moved)s henvisninger flyttet)"),
            REJECTED: _("avviste forslaget «%(name)s»: %(comment)s"),
        }
    )
