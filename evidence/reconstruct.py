"""Deduce the counts behind percentages that a paper printed without them.

A trial report may print "20% vs 4.55%" and a confidence interval for the difference, but no
counts. The counts can often be recovered in two steps, each a plain search a reader can redo:

1. list every pair of counts (events/n in each arm, n no larger than the arm's size) whose
   percentages round to the printed ones, at the precision they were printed with;
2. for each pair, compute the interval of the difference with several common methods, and
   keep the pairs and methods that reproduce the printed interval to its printed decimals.

The result is an *inference*: the page must say so and show the search.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from evidence import stats
from evidence.claims import numerators_for_percent, rounds_to


@dataclass(frozen=True)
class CountPair:
    """Events and patients in two arms."""

    events_1: int
    n_1: int
    events_2: int
    n_2: int

    def __str__(self) -> str:
        return f"{self.events_1}/{self.n_1} vs {self.events_2}/{self.n_2}"


def count_pairs_for_percentages(
    percent_1: str, max_n_1: int, percent_2: str, max_n_2: int
) -> list[CountPair]:
    """Every (events/n, events/n) pair, n up to each arm's maximum, that gives both printed percentages.

    The percentages are strings as printed ("20", "4.55"): the number of decimals written sets
    the precision a count must match.
    """
    firsts = [(k, n) for n in range(1, max_n_1 + 1) for k in numerators_for_percent(percent_1, n)]
    seconds = [(k, n) for n in range(1, max_n_2 + 1) for k in numerators_for_percent(percent_2, n)]
    return [CountPair(k_1, n_1, k_2, n_2) for k_1, n_1 in firsts for k_2, n_2 in seconds]


DifferenceMethod = Callable[[int, int, int, int], stats.Estimate]

DIFFERENCE_METHODS: dict[str, DifferenceMethod] = {
    "Wald": lambda *counts: stats.wald_difference(*counts),
    "Wald with continuity correction": lambda *counts: stats.wald_difference(*counts, continuity=True),
    "Newcombe hybrid score": lambda *counts: stats.newcombe_difference(*counts),
}


@dataclass(frozen=True)
class IntervalCheck:
    """One count pair, one interval method, and whether it reproduces the printed interval."""

    pair: CountPair
    method: str
    low_percent: float
    high_percent: float
    reproduces: bool


def check_difference_intervals(
    pairs: Iterable[CountPair],
    printed_low_percent: str,
    printed_high_percent: str,
    methods: dict[str, DifferenceMethod] = DIFFERENCE_METHODS,
) -> list[IntervalCheck]:
    """For each pair and method, the interval of p1 − p2 in percent and whether both limits
    round to the printed ones (strings as printed, e.g. "2.25", "28.66")."""
    checks = []
    for pair in pairs:
        counts = (pair.events_1, pair.n_1, pair.events_2, pair.n_2)
        for name, method in methods.items():
            interval = method(*counts)
            low, high = 100 * interval.low, 100 * interval.high
            reproduces = rounds_to(low, printed_low_percent) and rounds_to(high, printed_high_percent)
            checks.append(IntervalCheck(pair, name, low, high, reproduces))
    return checks


def fewest_lost_for_kaplan_meier(survivors: int, patients: int, printed_km_percent: str) -> int:
    """The fewest patients lost to follow-up that reconcile a survivor count with a printed
    Kaplan–Meier percentage lower than survivors ÷ patients.

    If ``survivors`` counts patients who left follow-up as alive, and c of them left at once
    (the case that needs the fewest), the Kaplan–Meier estimate is (survivors − c) ÷
    (patients − c). The smallest whole c whose estimate rounds to the printed percentage or
    lies below it is returned; 0 when the crude share already rounds to it. An inference:
    patients who left later move the estimate less, so more of them would be needed.
    """
    for lost in range(survivors + 1):
        km = 100 * (survivors - lost) / (patients - lost)
        if rounds_to(km, printed_km_percent) or km < float(printed_km_percent):
            return lost
    raise ValueError(f"no number lost to follow-up reconciles {survivors}/{patients} with {printed_km_percent}%")
