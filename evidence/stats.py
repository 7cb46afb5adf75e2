"""Every statistical formula the book uses, in one place.

All intervals are two-sided with ``level`` = 0.95 unless stated. Each function names its
method, because the book always says which method produced an interval:

- a proportion: Wilson score interval;
- a difference of two proportions: Newcombe's hybrid score interval (method 10 of
  Newcombe 1998), built from the two Wilson intervals;
- a risk ratio: Katz log-scale interval;
- a number needed to treat: the reciprocal of the risk-difference interval, which runs
  through infinity when that interval includes zero (Altman 1998);
- a ratio (HR, RR, OR) reported with a CI: its standard error on the log scale;
- pooling: inverse-variance fixed effect, and DerSimonian–Laird random effects with I².
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
from scipy import stats as scipy_stats


def z_for_level(level: float = 0.95) -> float:
    """The two-sided standard-normal quantile, 1.959964 for 95%."""
    return NormalDist().inv_cdf(0.5 + level / 2)


@dataclass(frozen=True)
class Estimate:
    """A point estimate with its interval and the method that produced the interval."""

    value: float
    low: float
    high: float
    method: str

    def as_percent(self, digits: int = 1) -> str:
        return f"{100 * self.value:.{digits}f}% ({100 * self.low:.{digits}f} to {100 * self.high:.{digits}f})"

    def as_ratio(self, digits: int = 2) -> str:
        return f"{self.value:.{digits}f} ({self.low:.{digits}f} to {self.high:.{digits}f})"


def _check_counts(events: int, n: int) -> None:
    if n <= 0 or events < 0 or events > n:
        raise ValueError(f"need 0 <= events <= n and n > 0, got events={events}, n={n}")


def wilson_interval(events: int, n: int, level: float = 0.95) -> Estimate:
    """Proportion events/n with its Wilson score interval."""
    _check_counts(events, n)
    z = z_for_level(level)
    p = events / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half_width = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return Estimate(p, max(0.0, centre - half_width), min(1.0, centre + half_width), "Wilson score")


def newcombe_difference(events_1: int, n_1: int, events_2: int, n_2: int, level: float = 0.95) -> Estimate:
    """Difference p1 − p2 with Newcombe's hybrid score interval (method 10)."""
    first, second = wilson_interval(events_1, n_1, level), wilson_interval(events_2, n_2, level)
    difference = first.value - second.value
    low = difference - math.sqrt((first.value - first.low) ** 2 + (second.high - second.value) ** 2)
    high = difference + math.sqrt((first.high - first.value) ** 2 + (second.value - second.low) ** 2)
    return Estimate(difference, low, high, "Newcombe hybrid score")


def risk_ratio(events_1: int, n_1: int, events_2: int, n_2: int, level: float = 0.95) -> Estimate:
    """Risk ratio p1 / p2 with the Katz log-scale interval (needs events in both groups)."""
    _check_counts(events_1, n_1)
    _check_counts(events_2, n_2)
    if events_1 == 0 or events_2 == 0:
        raise ValueError("the log-scale interval needs at least one event in each group")
    ratio = (events_1 / n_1) / (events_2 / n_2)
    se_log = math.sqrt(1 / events_1 - 1 / n_1 + 1 / events_2 - 1 / n_2)
    z = z_for_level(level)
    return Estimate(ratio, ratio * math.exp(-z * se_log), ratio * math.exp(z * se_log), "Katz log scale")


@dataclass(frozen=True)
class NumberNeededToTreat:
    """NNT from a risk difference (benefit positive) and its interval.

    When the difference interval includes zero, the NNT interval runs from the number needed
    to treat for one to benefit (NNTB), through infinity, to the number needed to treat for
    one to be harmed (NNTH), as recommended by Altman (BMJ 1998;317:1309).
    """

    difference: Estimate

    @property
    def value(self) -> float:
        return math.inf if self.difference.value == 0 else 1 / abs(self.difference.value)

    @property
    def crosses_infinity(self) -> bool:
        return self.difference.low <= 0 <= self.difference.high

    @property
    def bounds(self) -> tuple[float, float]:
        """(nearer, farther) NNT bounds when the interval excludes zero."""
        if self.crosses_infinity:
            raise ValueError("the interval crosses infinity; use describe()")
        near, far = sorted([abs(1 / self.difference.low), abs(1 / self.difference.high)])
        return near, far

    def describe(self, digits: int = 0) -> str:
        kind = "NNTB" if self.difference.value > 0 else "NNTH"
        point = f"{kind} {self.value:.{digits}f}"
        if not self.crosses_infinity:
            near, far = self.bounds
            return f"{point} (95% CI {near:.{digits}f} to {far:.{digits}f})"
        benefit = 1 / self.difference.high if self.difference.high > 0 else math.inf
        harm = 1 / abs(self.difference.low) if self.difference.low < 0 else math.inf
        return f"{point} (95% CI NNTB {benefit:.{digits}f} to ∞ to NNTH {harm:.{digits}f})"


def number_needed_to_treat(difference: Estimate) -> NumberNeededToTreat:
    return NumberNeededToTreat(difference)


def fisher_exact_p(events_1: int, n_1: int, events_2: int, n_2: int) -> float:
    """Two-sided Fisher exact test p-value for a 2×2 table."""
    table = [[events_1, n_1 - events_1], [events_2, n_2 - events_2]]
    return float(scipy_stats.fisher_exact(table, alternative="two-sided").pvalue)


def chi_square_test(events_1: int, n_1: int, events_2: int, n_2: int, continuity: bool = False) -> tuple[float, float]:
    """Pearson chi-square statistic and p-value for a 2×2 table (Yates' correction optional)."""
    table = np.array([[events_1, n_1 - events_1], [events_2, n_2 - events_2]])
    result = scipy_stats.chi2_contingency(table, correction=continuity)
    return float(result.statistic), float(result.pvalue)


def log_se_from_ci(low: float, high: float, level: float = 0.95) -> float:
    """Standard error of log(ratio) recovered from a reported ratio interval."""
    if not 0 < low < high:
        raise ValueError(f"need 0 < low < high, got {low}, {high}")
    return (math.log(high) - math.log(low)) / (2 * z_for_level(level))


def ratio_from_ci(low: float, high: float, level: float = 0.95) -> Estimate:
    """The ratio implied by a log-symmetric interval: its geometric midpoint."""
    return Estimate(math.sqrt(low * high), low, high, f"geometric midpoint of the reported {level:.0%} CI")


def p_value_from_ratio_ci(ratio: float, low: float, high: float, level: float = 0.95) -> float:
    """Two-sided p-value of a ratio against 1, from its log-scale interval (Altman & Bland 2011)."""
    z = abs(math.log(ratio)) / log_se_from_ci(low, high, level)
    return 2 * (1 - NormalDist().cdf(z))


@dataclass(frozen=True)
class PooledEstimate:
    """A pooled effect on the analysis scale (log for ratios), with heterogeneity."""

    estimate: float
    se: float
    low: float
    high: float
    q: float
    i_squared: float
    tau_squared: float
    method: str


def _heterogeneity(estimates: np.ndarray, variances: np.ndarray) -> tuple[float, float, float]:
    weights = 1 / variances
    fixed = np.sum(weights * estimates) / np.sum(weights)
    q = float(np.sum(weights * (estimates - fixed) ** 2))
    df = len(estimates) - 1
    i_squared = max(0.0, (q - df) / q) if q > 0 else 0.0
    c = np.sum(weights) - np.sum(weights**2) / np.sum(weights)
    tau_squared = max(0.0, (q - df) / c) if df > 0 else 0.0
    return q, i_squared, tau_squared


def pool_fixed_effect(estimates, standard_errors, level: float = 0.95) -> PooledEstimate:
    """Inverse-variance fixed-effect pooling of estimates on an additive scale."""
    estimates, variances = np.asarray(estimates, float), np.asarray(standard_errors, float) ** 2
    weights = 1 / variances
    pooled = float(np.sum(weights * estimates) / np.sum(weights))
    se = float(math.sqrt(1 / np.sum(weights)))
    q, i_squared, tau_squared = _heterogeneity(estimates, variances)
    z = z_for_level(level)
    return PooledEstimate(pooled, se, pooled - z * se, pooled + z * se, q, i_squared, tau_squared, "inverse-variance fixed effect")


def pool_random_effects(estimates, standard_errors, level: float = 0.95) -> PooledEstimate:
    """DerSimonian–Laird random-effects pooling, with Cochran's Q, I² and τ²."""
    estimates, variances = np.asarray(estimates, float), np.asarray(standard_errors, float) ** 2
    q, i_squared, tau_squared = _heterogeneity(estimates, variances)
    weights = 1 / (variances + tau_squared)
    pooled = float(np.sum(weights * estimates) / np.sum(weights))
    se = float(math.sqrt(1 / np.sum(weights)))
    z = z_for_level(level)
    return PooledEstimate(pooled, se, pooled - z * se, pooled + z * se, q, i_squared, tau_squared, "DerSimonian–Laird random effects")


def welch_t_test_from_summary(
    mean_1: float, sd_1: float, n_1: int, mean_2: float, sd_2: float, n_2: int
) -> tuple[float, float]:
    """Welch's t-test from printed means, SDs and group sizes: (t statistic, two-sided p)."""
    result = scipy_stats.ttest_ind_from_stats(mean_1, sd_1, n_1, mean_2, sd_2, n_2, equal_var=False)
    return float(result.statistic), float(result.pvalue)


def wilson_interval_from_rounded_percent(reported_percent: str, n: int, level: float = 0.95) -> Estimate:
    """A Wilson interval when a paper prints only a rounded percentage of n patients.

    Every count k out of n whose share rounds to the printed percentage is possible; the
    interval runs from the lowest Wilson bound of the smallest such k to the highest bound
    of the largest, so it covers every count the paper could have meant. The point value
    is the printed percentage. Raises ValueError if no count out of n gives that percentage.
    """
    # Imported here: evidence.claims holds the rounding rules, and stats must not depend on it at import.
    from evidence.printed import numerators_for_percent

    counts = numerators_for_percent(reported_percent, n)
    if not counts:
        raise ValueError(f"no count out of {n} rounds to {reported_percent}%")
    low = wilson_interval(counts[0], n, level).low
    high = wilson_interval(counts[-1], n, level).high
    return Estimate(float(reported_percent) / 100, low, high, "Wilson score, widened over the counts that round to the printed percentage")


def wald_difference(
    events_1: int, n_1: int, events_2: int, n_2: int, level: float = 0.95, continuity: bool = False
) -> Estimate:
    """Difference p1 − p2 with the simple (Wald) interval, optionally with Yates' continuity correction.

    The Wald interval is what many trial reports print; the book prefers Newcombe's, but needs
    this one to check whether a printed interval was computed this way.
    """
    _check_counts(events_1, n_1)
    _check_counts(events_2, n_2)
    p_1, p_2 = events_1 / n_1, events_2 / n_2
    difference = p_1 - p_2
    half_width = z_for_level(level) * math.sqrt(p_1 * (1 - p_1) / n_1 + p_2 * (1 - p_2) / n_2)
    if continuity:
        half_width += (1 / n_1 + 1 / n_2) / 2
    method = "Wald with continuity correction" if continuity else "Wald"
    return Estimate(difference, difference - half_width, difference + half_width, method)


def chi_square_test_groups(events, totals) -> tuple[float, int, float]:
    """Pearson chi-square test that k groups share one proportion (a k×2 table, no correction).

    Returns (statistic, degrees of freedom, p-value). Used when an article compares more
    than two arms at once, e.g. three antivirals.
    """
    events, totals = np.asarray(events, dtype=float), np.asarray(totals, dtype=float)
    if events.shape != totals.shape or len(events) < 2:
        raise ValueError("need one event count and one total per group, for at least two groups")
    if np.any(totals <= 0) or np.any(events < 0) or np.any(events > totals):
        raise ValueError("need 0 <= events <= total and total > 0 in every group")
    table = np.column_stack([events, totals - events])
    result = scipy_stats.chi2_contingency(table, correction=False)
    return float(result.statistic), int(result.dof), float(result.pvalue)


def survival_under_hazard_ratio(control_survival: float, hazard_ratio: float) -> float:
    """Survival in a treated group implied by a hazard ratio, S_treated = S_control ** HR.

    This holds only under proportional hazards (the ratio of hazards is the same at every
    time), which a pooled hazard ratio assumes anyway. It turns a relative effect into an
    absolute one for a chosen control-arm survival.
    """
    if not 0 <= control_survival <= 1:
        raise ValueError(f"control survival must be a probability, got {control_survival}")
    if hazard_ratio <= 0:
        raise ValueError(f"a hazard ratio must be positive, got {hazard_ratio}")
    return control_survival**hazard_ratio
