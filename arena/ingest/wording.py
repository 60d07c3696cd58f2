"""Counts in the import's messages and log entries, each noun in its singular or plural ("1 arena", "2 arenaer")."""

from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from arena.register.activity_log import count


def _committed_parts(counts: dict) -> list[str]:
    def n(key):
        return count(counts, key)

    parts = [
        ngettext("%(n)d organisasjon", "%(n)d organisasjoner", n("organisations"))
        % {"n": n("organisations")},
        ngettext("%(n)d arena", "%(n)d arenaer", n("arenas")) % {"n": n("arenas")},
        ngettext("%(n)d navn", "%(n)d navn", n("aliases")) % {"n": n("aliases")},
        ngettext("%(n)d deltakelse", "%(n)d deltakelser", n("engagements")) % {"n": n("engagements")},
        ngettext("%(n)d aktivitet", "%(n)d aktiviteter", n("activities")) % {"n": n("activities")},
    ]
    if "aliases" not in counts:
        del parts[2]
    return parts


def committed(counts: dict, sentence) -> str:
    """`sentence` (with `%(counts)s`) filled with what a commit stored."""
    return str(sentence) % {"counts": get_text_list(_committed_parts(counts), _("og"))}


def undone(counts: dict, sentence) -> str:
    """`sentence` (with `%(counts)s`) filled with what an undo deleted and restored."""
    deleted, restored = count(counts, "deleted"), count(counts, "restored")
    return str(sentence) % {
        "counts": ngettext("%(n)d oppføring slettet", "%(n)d oppføringer slettet", deleted) % {"n": deleted}
        + ", "
        + ngettext("%(n)d satt tilbake", "%(n)d satt tilbake", restored) % {"n": restored}
    }
