"""How well routing does on a folder of invitations with known answers (expected.json: file → unit key, or
"triage" where the register implies no one unit). Used by tests/invitations and benchmarks/invitation_routing.py.

A message counts as *right* when Arena sends it to the expected unit, or to triage when triage is expected;
*to triage* when it was expected to go to a unit but Arena asked the coordinator; *wrong* when Arena sent it to a
unit it should not have gone to — the failure that must not happen.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from arena.ingest.linking import Gazetteer
from arena.invitations.intake import analyse
from arena.invitations.messages import parse_file


@dataclass
class Outcome:
    file: str
    expected: str
    got: str  # a unit key, or "triage"
    confidence: float
    reasons: list[str]

    @property
    def verdict(self) -> str:
        if self.got == self.expected:
            return "right"
        return "triage" if self.got == "triage" else "wrong"


@dataclass
class Figures:
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, verdict: str) -> int:
        return sum(1 for o in self.outcomes if o.verdict == verdict)

    @property
    def total(self) -> int:
        return len(self.outcomes)

    @property
    def share_right(self) -> float:
        return self.count("right") / self.total if self.total else 0.0

    def summary(self) -> str:
        return (
            f"{self.total} invitations: {self.count('right')} routed right ({self.share_right:.0%}), "
            f"{self.count('triage')} sent to triage instead of a unit, {self.count('wrong')} to a wrong unit"
        )


def evaluate(folder: Path) -> Figures:
    expected = json.loads((folder / "expected.json").read_text())
    gazetteer = Gazetteer.from_register()
    figures = Figures()
    for name, unit_key in sorted(expected.items()):
        message = parse_file((folder / name).read_bytes(), name)
        _reading, route = analyse(message, gazetteer)
        got = route.unit.key if route.confident else "triage"
        figures.outcomes.append(Outcome(name, unit_key, got, route.confidence, route.reasons))
    return figures
