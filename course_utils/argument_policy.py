"""The rules a saved argument must meet to pass the automatic checks, declared once.

The argument builder ("passes every automatic check"), ``course doctor``, the visible self-checks and the hidden
tests of the capstone (lesson 08, Q5-Q7) all read :func:`policy_for`; none of them restates a number.

    >>> from course_utils.argument_policy import policy_for
    >>> policy_for("08-capstone-argument").min_words["reasoning"]
    100

Why here and not in the lesson's notebook metadata: nbgrader restores locked cells from its gradebook but not a
notebook's metadata, so a rule read from the submitted notebook at autograde time could be edited by the student.

The rules (teaching sense, see lesson 08's "What is graded"):

* **structure** (Q5): a claim; at least ``min_evidence`` evidence items; their measures come from at least
  ``min_tables`` different data tables, one table per item: the table the measure's numbers come from
  (:attr:`course_utils.measures.Measure.data_table`). ``economy`` only supplies GDP or population as a denominator
  and never counts. Each text field has at least ``min_words[field]`` words (100 for the reasoning, a real paragraph;
  40 for the counter-argument and the rebuttal).
* **evidence** (Q6): every item's statistic is recomputed from the datasets, from its one release, and matches; at
  least ``min_verified`` items are verified.
* **statements** (Q7): every comparison is true of the data, and there are at least ``min_statements``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Mapping

__all__ = ["ArgumentPolicy", "CLAIMS", "DEFAULT_POLICY", "POLICIES", "policy_for", "words"]

# The claims the argument builder offers (id -> text); "own" is a claim the student writes out.
CLAIMS = {
    "burden_sharing_works": "Burden sharing works: allies carry a fair share of the costs of collective security.",
    "small_allies_free_ride": "Smaller allies free-ride on the largest ones.",
    "burden_shifting_first": "Burden sharing must be preceded by burden shifting: allies pay more only when "
                             "the United States does less.",
    "us_credibility_binding": "U.S. credibility is the binding constraint: allies contribute in line with their "
                              "confidence in the U.S. commitment.",
    "own": "(my own claim)",
}

TEXT_FIELDS = {"reasoning": "the reasoning", "counter_argument": "a counter-argument", "rebuttal": "a rebuttal"}


def words(text: Any) -> int:
    """Words in a text field, as every check counts them (whitespace-separated)."""
    return len(str(text or "").split())


@dataclass(frozen=True)
class ArgumentPolicy:
    """What a saved argument needs to pass the automatic checks (see the module docstring)."""

    min_evidence: int = 3
    min_tables: int = 2
    min_words: Mapping[str, int] = field(default_factory=lambda: MappingProxyType(
        {"reasoning": 100, "counter_argument": 40, "rebuttal": 40}))
    min_verified: int = 3
    min_statements: int = 1

    @staticmethod
    def has_claim(claim: Any) -> bool:
        """A claim chosen from the builder's list (its id) or written out (its text)."""
        if not isinstance(claim, dict):
            return False
        return bool(str(claim.get("text") or "").strip()) or (claim.get("id") in CLAIMS and claim.get("id") != "own")

    def data_table(self, item: Any) -> str | None:
        """The data table an evidence item counts for: its measure's :attr:`data_table` (None if unknown)."""
        from .measures import MEASURES

        m = MEASURES.get(item.get("measure")) if isinstance(item, dict) else None
        return m.data_table if m is not None else None

    def data_tables(self, evidence: Any) -> list[str]:
        """The distinct data tables of a list of evidence items, sorted."""
        items = evidence if isinstance(evidence, list) else []
        return sorted({t for t in (self.data_table(e) for e in items) if t})

    def describe(self) -> str:
        """The policy in one sentence, for a lesson or a message."""
        w = self.min_words
        return (f"a claim; at least {self.min_evidence} evidence items whose measures come from at least "
                f"{self.min_tables} different data tables (economy, a denominator, does not count); reasoning of at "
                f"least {w['reasoning']} words, a counter-argument of at least {w['counter_argument']} and a "
                f"rebuttal of at least {w['rebuttal']}; at least {self.min_verified} verified statistics and "
                f"{self.min_statements} true comparison(s)")


DEFAULT_POLICY = ArgumentPolicy()
# A lesson whose argument follows other rules declares them here (lesson slug -> policy); the others use the default.
POLICIES: dict[str, ArgumentPolicy] = {}


def policy_for(lesson: str | None) -> ArgumentPolicy:
    """The policy of ``lesson`` (a slug such as ``"08-capstone-argument"``), or :data:`DEFAULT_POLICY`."""
    return POLICIES.get(str(lesson or ""), DEFAULT_POLICY)
