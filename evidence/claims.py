"""The vocabulary of the claims audit, and the checks it is built from.

Each check returns a :class:`CheckResult`: whether the numbers hold, and a one-line reason
that names the check and the numbers, so a reader can redo it by hand. A claim's verdict is
one of :data:`VERDICTS`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from evidence.validate import decimals_written

REPRODUCED = "reproduced"  # the numbers check out
INCONSISTENT = "inconsistent"  # the arithmetic or the internal logic fails
CONTRADICTED = "contradicted"  # the primary source says otherwise
UNVERIFIABLE = "unverifiable"  # no data can check it
VERDICTS = (REPRODUCED, INCONSISTENT, CONTRADICTED, UNVERIFIABLE)


@dataclass(frozen=True)
class CheckResult:
    check: str
    passed: bool
    reason: str


def rounds_to(value: float, reported: str) -> bool:
    """Whether ``value`` rounds (half away from zero) to the reported figure as written."""
    decimals = decimals_written(reported)
    scaled = abs(value) * 10**decimals
    rounded = math.floor(scaled + 0.5 + 1e-9) / 10**decimals
    return math.isclose(math.copysign(rounded, value), float(reported), abs_tol=10 ** -(decimals + 6))


def percent_from_counts(reported_percent: str, events: int, n: int) -> CheckResult:
    """Does events/n give the reported percentage at the precision it was reported with?"""
    computed = 100 * events / n
    passed = rounds_to(computed, reported_percent)
    verb = "matches" if passed else "does not match"
    return CheckResult(
        "percent from counts",
        passed,
        f"{events}/{n} = {computed:.2f}%, which {verb} the reported {reported_percent}%",
    )


def numerators_for_percent(reported_percent: str, n: int) -> list[int]:
    """Every count k in 0..n for which k/n rounds to the reported percentage."""
    return [k for k in range(n + 1) if rounds_to(100 * k / n, reported_percent)]


def proportion_feasibility(reported_percent: str, n: int, max_denominator: int = 200) -> CheckResult:
    """Can the percentage arise from n patients at its reported precision?

    If not, the reason lists the smallest denominators up to ``max_denominator`` that could
    give it, which hints at the group the percentage was really computed in.
    """
    numerators = numerators_for_percent(reported_percent, n)
    if numerators:
        shown = ", ".join(f"{k}/{n}" for k in numerators)
        return CheckResult("proportion feasibility", True, f"{reported_percent}% can arise as {shown}")
    others = [d for d in range(1, max_denominator + 1) if numerators_for_percent(reported_percent, d)][:5]
    shown = ", ".join(f"{numerators_for_percent(reported_percent, d)[0]}/{d}" for d in others)
    return CheckResult(
        "proportion feasibility",
        False,
        f"no count out of {n} gives {reported_percent}%; the smallest denominators that do: {shown}",
    )
