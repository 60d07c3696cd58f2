"""Who may do what in the reporting cycle — the one set of rules the views and the domain functions use.

- coordinator: whoever the register's rules call coordinator (a superuser, or a person with a current
  *coordinator* role on the coordinating unit; see arena.register.permissions). Opens and approves
  cycles, writes the editorial texts, returns and approves submissions, issues the report; may also edit any
  unit's submission.
- unit contact: a person with a current *international contact* role on a unit; edits and submits the
  submissions of that unit and its sub-units (the same reach as in the register), no other unit's.
- everyone signed in reads cycles, submissions and the report.
"""

from functools import cached_property

from arena.register.permissions import access_for


class ReportingAccess:
    """The reporting cycle's questions, answered by the register's one set of rules (`Access`)."""

    def __init__(self, user):
        self.user = user
        self.register = access_for(user)

    @property
    def is_coordinator(self) -> bool:
        return self.register.is_coordinator

    @cached_property
    def contact_unit_ids(self) -> frozenset[int]:
        return self.register.contact_unit_ids

    def can_view(self) -> bool:
        return self.user.is_authenticated

    def can_manage_cycle(self) -> bool:
        return self.is_coordinator

    def can_edit_submission(self, submission) -> bool:
        """Change and submit: the coordinator, or a contact of the submission's unit (or a unit above it)."""
        return self.is_coordinator or submission.unit_id in self.contact_unit_ids

    def can_review_submission(self, submission) -> bool:
        return self.is_coordinator


def reporting_access(user) -> ReportingAccess:
    return ReportingAccess(user)
