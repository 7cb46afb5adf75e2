"""The arithmetic checks the claims audit is built from, on plain numbers.

Each check returns a :class:`CheckResult`: whether the numbers hold, and a one-line trace
that names the check and the numbers, so a reader can redo it by hand. The verdicts and
their vocabulary are in :mod:`evidence.audit.verdicts`; the precision rules in
:mod:`evidence.printed`.
"""

from __future__ import annotations

from dataclasses import dataclass

from evidence.printed import Printed, agrees, format_number, numerators_for_percent, rounds_to, smallest_denominators
from evidence.stats import wald_difference

__all__ = [
    "CheckResult", "Printed", "agrees", "compare", "difference_check", "fold_change_check", "format_number",
    "holds", "interval_consistency", "numerators_for_percent", "percent_from_counts", "proportion_feasibility",
    "rounds_to", "sum_check",
]


@dataclass(frozen=True)
class CheckResult:
    check: str
    passed: bool | None  # None: not possible (a number is missing)
    reason: str


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


def proportion_feasibility(reported_percent: str, n: int, max_denominator: int = 200) -> CheckResult:
    """Can the percentage arise from n patients at its reported precision?

    If not, the reason lists the smallest denominators up to ``max_denominator`` that could
    give it, which hints at the group the percentage was really computed in.
    """
    numerators = numerators_for_percent(reported_percent, n)
    if numerators:
        shown = ", ".join(f"{k}/{n}" for k in numerators)
        return CheckResult("proportion feasibility", True, f"{reported_percent}% can arise as {shown}")
    others = smallest_denominators(reported_percent, up_to=max_denominator)
    shown = ", ".join(f"{numerators_for_percent(reported_percent, d)[0]}/{d}" for d in others)
    return CheckResult(
        "proportion feasibility",
        False,
        f"no count out of {n} gives {reported_percent}%; the smallest denominators that do: {shown}",
    )


# --- Checks used by the audit (evidence.audit). Each takes plain numbers, so it can be tested
# --- on constructed cases; the audit resolves the numbers from the ledger and the data tables.

RELATIONS = {
    "=": ("=", "≠"),
    "<": ("<", "≥"),
    "<=": ("≤", ">"),
    ">": (">", "≤"),
    ">=": ("≥", "<"),
}


def holds(left: Printed | float, relation: str, right: Printed | float) -> bool:
    """Whether ``left relation right``; equality is judged at the precision each side was printed with."""
    left = left if isinstance(left, Printed) else Printed(float(left))
    right = right if isinstance(right, Printed) else Printed(float(right))
    if relation == "=":
        return agrees(left, right)
    a, b = left.value, right.value
    return {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[relation]


def compare(left: Printed | float, relation: str, right: Printed | float) -> tuple[bool, str]:
    """``left relation right`` and the sign to print between them (e.g. '≠' when equality fails)."""
    passed = holds(left, relation, right)
    sign_if_true, sign_if_false = RELATIONS[relation]
    return passed, sign_if_true if passed else sign_if_false


def sum_check(parts: list[float], total: str, relation: str = "=") -> CheckResult:
    """Do the parts add up to the stated total (at the precision the total was written with)?"""
    computed = sum(parts)
    passed, sign = compare(computed, relation, Printed.parse(total))
    shown = " + ".join(format_number(p) for p in parts)
    return CheckResult("sum", passed, f"{shown} = {format_number(computed)} {sign} {total}")


def difference_check(first: float, second: float, reported: str) -> CheckResult:
    """Is first − second the reported difference?"""
    computed = first - second
    passed, sign = compare(computed, "=", Printed.parse(reported))
    return CheckResult(
        "difference", passed, f"{format_number(first)} − {format_number(second)} = {format_number(computed)} {sign} {reported}"
    )


def fold_change_check(after: float, before: float, reported: str) -> CheckResult:
    """Is after / before the reported fold change?"""
    computed = after / before
    passed, sign = compare(computed, "=", Printed.parse(reported))
    return CheckResult(
        "fold change", passed, f"{format_number(after)} / {format_number(before)} = {computed:.3g} {sign} {reported}"
    )


def interval_consistency(
    percent_1: str, n_1: int, percent_2: str, n_2: int, low: str, high: str
) -> CheckResult:
    """Does the reported interval of a difference between two percentages fit them and their n?

    Each percentage must arise from exactly one count out of its n; the Wald interval of the
    difference computed from those counts must round to the reported bounds.
    """
    counts = [numerators_for_percent(percent_1, n_1), numerators_for_percent(percent_2, n_2)]
    if any(len(c) != 1 for c in counts):
        return CheckResult(
            "interval consistency",
            False,
            f"{percent_1}% of {n_1} and {percent_2}% of {n_2} do not each give one count, so no interval can be recomputed",
        )
    events_1, events_2 = counts[0][0], counts[1][0]
    interval = wald_difference(events_1, n_1, events_2, n_2)
    computed_low, computed_high = 100 * interval.low, 100 * interval.high
    passed = rounds_to(computed_low, low) and rounds_to(computed_high, high)
    verb = "matches" if passed else "does not match"
    return CheckResult(
        "interval consistency",
        passed,
        f"{events_1}/{n_1} − {events_2}/{n_2} has Wald 95% interval {computed_low:.2f} to {computed_high:.2f} points, "
        f"which {verb} the reported {low} to {high}",
    )
