"""Every statistical formula the book uses, in one place.

All intervals are two-sided with ``level`` = 0.95 unless stated. Each function names its
method, because the book always says which method produced an interval:

- a proportion: Wilson score interval (statsmodels);
- a difference of two proportions: Newcombe's hybrid score interval (method 10 of
  Newcombe 1998), built from the two Wilson intervals (statsmodels);
- a risk ratio: Katz log-scale interval (statsmodels);
- a number needed to treat: the reciprocal of the risk-difference interval, which runs
  through infinity when that interval includes zero (Altman 1998), rounded up to whole patients;
- a ratio (HR, RR, OR) reported with a CI: its standard error on the log scale;
- tests: Fisher's exact test, Pearson's chi-square and Welch's t-test (scipy);
- pooling: inverse-variance fixed effect, and DerSimonian–Laird random effects with τ²
  truncated at zero, Cochran's Q and I² (the book's own code: see pool_random_effects).

Every function refuses impossible arguments with a ValueError that names the argument and
its value: a count that is negative, fractional or NaN, more events than patients, no
patients, a level outside (0, 1), a standard error that is not positive, empty or unequal
lists. Nothing is rounded, clipped or skipped to make an argument fit.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np

# scipy and statsmodels are imported in the functions that call them: together they take
# about a second to import, which the pages that only show stored verdicts need not pay.

# --- Checking arguments -------------------------------------------------------------------


def _shown(value) -> str:
    """A value for an error message: 10.5, nan, '3' (text quoted), not np.float64(10.5)."""
    return repr(value) if isinstance(value, str) else str(value)


def _number(name: str, value) -> float:
    """A finite real number as a float; booleans, text, NaN and infinities are refused."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real) or not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {_shown(value)}")
    return float(value)


def _positive(name: str, value) -> float:
    number = _number(name, value)
    if number <= 0:
        raise ValueError(f"{name} must be greater than 0, got {_shown(value)}")
    return number


def _count(name: str, value) -> int:
    """A count of patients as an int.

    Python and numpy integers are counts. A float is accepted only when it is a whole number
    (37.0): pandas stores a count column that has gaps as floats. 37.5, NaN, booleans and text
    are refused, because a count of patients is a whole number and nothing is rounded here.
    """
    if isinstance(value, numbers.Integral) and not isinstance(value, (bool, np.bool_)):
        whole = int(value)
    elif isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_)) and float(value).is_integer():
        whole = int(value)
    else:
        raise ValueError(f"{name} must be a whole number of patients, got {_shown(value)}")
    if whole < 0:
        raise ValueError(f"{name} must not be negative, got {_shown(value)}")
    return whole


def _patients(name: str, n) -> int:
    """A number of patients that a share can be taken of: a whole number, at least 1."""
    n = _count(name, n)
    if n == 0:
        raise ValueError(f"{name} must be at least 1: a share of no patients is undefined, got {name}=0")
    return n


def _events_of(events_name: str, events, n_name: str, n) -> tuple[int, int]:
    """Events out of n patients, checked: 0 <= events <= n and n >= 1."""
    events, n = _count(events_name, events), _patients(n_name, n)
    if events > n:
        raise ValueError(f"{events_name} cannot be more than {n_name}, got {events_name}={events}, {n_name}={n}")
    return events, n


def _two_groups(events_1, n_1, events_2, n_2) -> tuple[int, int, int, int]:
    return (*_events_of("events_1", events_1, "n_1", n_1), *_events_of("events_2", events_2, "n_2", n_2))


def _alpha(level) -> float:
    """1 − level, for the libraries that take a significance level; level must lie in (0, 1)."""
    if isinstance(level, (bool, np.bool_)) or not isinstance(level, numbers.Real) or not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1 (0.95 for a 95% interval), got {_shown(level)}")
    return 1 - float(level)


def _studies(estimates, standard_errors) -> tuple[np.ndarray, np.ndarray]:
    """Per-study estimates and standard errors as float arrays, checked."""
    estimates, standard_errors = list(estimates), list(standard_errors)
    if not estimates:
        raise ValueError("estimates is empty: pooling needs at least one study")
    if len(estimates) != len(standard_errors):
        raise ValueError(
            f"estimates and standard_errors differ in length, got {len(estimates)} and {len(standard_errors)}"
        )
    checked_estimates = [_number(f"estimates[{i}]", value) for i, value in enumerate(estimates)]
    checked_errors = [_positive(f"standard_errors[{i}]", value) for i, value in enumerate(standard_errors)]
    return np.array(checked_estimates), np.array(checked_errors)


# --- Proportions and their comparison -------------------------------------------------------


def z_for_level(level: float = 0.95) -> float:
    """The two-sided standard-normal quantile, 1.959964 for 95%."""
    return NormalDist().inv_cdf(1 - _alpha(level) / 2)


@dataclass(frozen=True)
class Estimate:
    """A point estimate with its interval and the method that produced the interval."""

    value: float
    low: float
    high: float
    method: str

    def as_percent(self, digits: int = 1) -> str:
        text = f"{100 * self.value:.{digits}f}% ({100 * self.low:.{digits}f} to {100 * self.high:.{digits}f})"
        return text.replace("-", "−")  # a true minus sign, as journals print it

    def as_ratio(self, digits: int = 2) -> str:
        return f"{self.value:.{digits}f} ({self.low:.{digits}f} to {self.high:.{digits}f})".replace("-", "−")


def wilson_interval(events: int, n: int, level: float = 0.95) -> Estimate:
    """Proportion events/n with its Wilson score interval."""
    from statsmodels.stats.proportion import proportion_confint

    events, n = _events_of("events", events, "n", n)
    low, high = proportion_confint(events, n, alpha=_alpha(level), method="wilson")
    return Estimate(events / n, float(low), float(high), "Wilson score")


def wilson_interval_for_share(share: float, n: int, level: float = 0.95) -> Estimate:
    """A Wilson interval for a printed share of n patients, treating share × n as the count.

    Approximate, and labelled so: a printed percentage is rounded, so share × n is usually not
    a whole number of patients. Use it only where no count out of n gives the printed figure;
    otherwise use wilson_interval_from_rounded_percent, which covers every count that does.
    """
    from statsmodels.stats.proportion import proportion_confint

    share = _number("share", share)
    if not 0 <= share <= 1:
        raise ValueError(f"share must be a proportion between 0 and 1, got {_shown(share)}")
    n = _patients("n", n)
    low, high = proportion_confint(share * n, n, alpha=_alpha(level), method="wilson")
    return Estimate(share, float(low), float(high), "Wilson score for a printed share (approximate)")


def newcombe_difference(events_1: int, n_1: int, events_2: int, n_2: int, level: float = 0.95) -> Estimate:
    """Difference p1 − p2 with Newcombe's hybrid score interval (method 10 of Newcombe 1998).

    statsmodels' "newcomb" method is that interval: it combines the two Wilson intervals
    without continuity correction (checked against the paper's worked examples in the tests).
    """
    from statsmodels.stats.proportion import confint_proportions_2indep

    events_1, n_1, events_2, n_2 = _two_groups(events_1, n_1, events_2, n_2)
    low, high = confint_proportions_2indep(
        events_1, n_1, events_2, n_2, method="newcomb", compare="diff", alpha=_alpha(level)
    )
    return Estimate(events_1 / n_1 - events_2 / n_2, float(low), float(high), "Newcombe hybrid score")


def wald_difference(
    events_1: int, n_1: int, events_2: int, n_2: int, level: float = 0.95, continuity: bool = False
) -> Estimate:
    """Difference p1 − p2 with the simple (Wald) interval, optionally with Yates' continuity correction.

    The Wald interval is what many trial reports print; the book prefers Newcombe's, but needs
    this one to check whether a printed interval was computed this way. The correction widens
    each side by (1/n1 + 1/n2) / 2, which statsmodels does not offer.
    """
    from statsmodels.stats.proportion import confint_proportions_2indep

    events_1, n_1, events_2, n_2 = _two_groups(events_1, n_1, events_2, n_2)
    low, high = confint_proportions_2indep(events_1, n_1, events_2, n_2, method="wald", compare="diff", alpha=_alpha(level))
    correction = (1 / n_1 + 1 / n_2) / 2 if continuity else 0.0
    method = "Wald with continuity correction" if continuity else "Wald"
    return Estimate(events_1 / n_1 - events_2 / n_2, float(low) - correction, float(high) + correction, method)


def risk_ratio(events_1: int, n_1: int, events_2: int, n_2: int, level: float = 0.95) -> Estimate:
    """Risk ratio p1 / p2 with the Katz log-scale interval (needs events in both groups)."""
    from statsmodels.stats.contingency_tables import Table2x2

    events_1, n_1, events_2, n_2 = _two_groups(events_1, n_1, events_2, n_2)
    for name, events in (("events_1", events_1), ("events_2", events_2)):
        if events == 0:
            raise ValueError(
                f"risk_ratio needs at least one event in each group, got {name}=0: the ratio is then 0 or "
                "infinite and its log-scale interval undefined. Report the difference "
                "(newcombe_difference) instead; do not add 0.5 to the cells without saying so."
            )
    # shift_zeros=False: by default Table2x2 replaces a zero cell (every patient had the event)
    # by 0.5, which would change the ratio.
    table = Table2x2(np.array([[events_1, n_1 - events_1], [events_2, n_2 - events_2]]), shift_zeros=False)
    low, high = table.riskratio_confint(alpha=_alpha(level))
    return Estimate(float(table.riskratio), float(low), float(high), "Katz log scale")


# --- Number needed to treat ------------------------------------------------------------------


def _rounded_up(unrounded: float) -> float:
    """A number needed to treat rounded up to whole patients; infinity stays infinity."""
    if math.isinf(unrounded):
        return math.inf
    # 1 / 0.1 is 10.000000000000002 in floating point: drop that noise so that 10 stays 10.
    return math.ceil(round(unrounded, 9))


def _nnt_text(number: float) -> str:
    return "∞" if math.isinf(number) else f"{number:.0f}"


def number_needed_to_treat_point(difference: float) -> float:
    """1 / |difference| rounded up to whole patients (infinity when the difference is 0).

    For a difference known without an interval; with an interval use number_needed_to_treat.
    """
    difference = _number("difference", difference)
    if not -1 <= difference <= 1:
        raise ValueError(f"difference must be a difference of two proportions, between -1 and 1, got {_shown(difference)}")
    return _rounded_up(math.inf if difference == 0 else 1 / abs(difference))


@dataclass(frozen=True)
class NumberNeededToTreat:
    """The number needed to treat from a risk difference (benefit positive) and its interval.

    The field's conventions, which the book follows:

    - The NNT is 1 / |difference|, and it and both limits are rounded *up* to whole patients
      (Cochrane Handbook 5.1, section 12.5.4: NNTs are by convention always rounded up to the
      next whole number). So a difference of 6.5 points gives NNT 16, not 15.
    - The interval is the difference interval inverted (Altman, BMJ 1998;317:1309). A positive
      difference is a benefit: NNTB, number needed to treat for one more patient to benefit;
      a negative one a harm: NNTH, number needed to treat for one more patient to be harmed.
    - When the difference interval excludes 0, the limits are both on one side and are printed
      nearer first: "NNTB 16 (9 to 95)".
    - When it includes 0, the NNT interval is not the stretch between the two limits but
      everything *outside* it, through infinity. Altman writes it in the order of the
      difference scale, from its lower limit (a harm) to its upper (a benefit), labelling
      each limit: "NNTB 16 (NNTH 91 to ∞ to NNTB 9)".
    - A difference of exactly 0 gives NNT ∞; a limit of exactly 0 gives an ∞ limit: "NNTB 16 (9 to ∞)".
    """

    difference: Estimate

    def __post_init__(self) -> None:
        value, low, high = (
            _number(f"difference.{name}", getattr(self.difference, name)) for name in ("value", "low", "high")
        )
        if not -1 <= low <= value <= high <= 1:
            raise ValueError(
                "difference must be a difference of proportions inside its interval, -1 <= low <= value <= high <= 1, "
                f"got value={value}, low={low}, high={high}"
            )

    @property
    def value(self) -> float:
        """The NNT rounded up to whole patients; infinity when the difference is 0."""
        return number_needed_to_treat_point(self.difference.value)

    @property
    def kind(self) -> str:
        """NNTB for a benefit (a positive difference), NNTH for a harm, NNT for a difference of 0."""
        if self.difference.value == 0:
            return "NNT"
        return "NNTB" if self.difference.value > 0 else "NNTH"

    @property
    def crosses_infinity(self) -> bool:
        """True when the difference interval includes 0 strictly inside it."""
        return self.difference.low < 0 < self.difference.high

    @property
    def bounds(self) -> tuple[float, float]:
        """(nearer, farther) NNT limits, rounded up, when the interval does not cross 0."""
        if self.crosses_infinity:
            raise ValueError("the interval crosses infinity (its limits are an NNTH and an NNTB); use describe()")
        near, far = sorted(number_needed_to_treat_point(limit) for limit in (self.difference.low, self.difference.high))
        return near, far

    def describe(self) -> str:
        """The NNT and its interval as the field prints them, e.g. "NNTB 16 (NNTH 91 to ∞ to NNTB 9)"."""
        point = f"{self.kind} {_nnt_text(self.value)}"
        if self.crosses_infinity:
            harm = number_needed_to_treat_point(self.difference.low)
            benefit = number_needed_to_treat_point(self.difference.high)
            return f"{point} (NNTH {_nnt_text(harm)} to ∞ to NNTB {_nnt_text(benefit)})"
        near, far = self.bounds
        return f"{point} ({_nnt_text(near)} to {_nnt_text(far)})"


def number_needed_to_treat(difference: Estimate) -> NumberNeededToTreat:
    """The NNT with its interval from a risk difference (benefit positive); see NumberNeededToTreat."""
    return NumberNeededToTreat(difference)


# --- Tests -------------------------------------------------------------------------------------


def fisher_exact_p(events_1: int, n_1: int, events_2: int, n_2: int) -> float:
    """Two-sided Fisher exact test p-value for a 2×2 table (scipy)."""
    from scipy import stats as scipy_stats

    events_1, n_1, events_2, n_2 = _two_groups(events_1, n_1, events_2, n_2)
    table = [[events_1, n_1 - events_1], [events_2, n_2 - events_2]]
    return float(scipy_stats.fisher_exact(table, alternative="two-sided").pvalue)


def _chi_square(events: list[int], totals: list[int], continuity: bool) -> tuple[float, int, float]:
    """Pearson's chi-square for a k×2 table of events and non-events (scipy), margins checked."""
    from scipy import stats as scipy_stats

    all_events, all_patients = sum(events), sum(totals)
    if all_events == 0 or all_events == all_patients:
        raise ValueError(
            f"the chi-square test needs at least one event and one non-event in all, got {all_events} events "
            f"in {all_patients} patients: with an empty column the statistic is undefined. "
            "Use fisher_exact_p for two groups, or report the proportions without a test."
        )
    table = np.column_stack([events, np.subtract(totals, events)])
    result = scipy_stats.chi2_contingency(table, correction=continuity)
    return float(result.statistic), int(result.dof), float(result.pvalue)


def chi_square_test(events_1: int, n_1: int, events_2: int, n_2: int, continuity: bool = False) -> tuple[float, float]:
    """Pearson chi-square statistic and p-value for a 2×2 table (Yates' correction optional)."""
    events_1, n_1, events_2, n_2 = _two_groups(events_1, n_1, events_2, n_2)
    statistic, _, p = _chi_square([events_1, events_2], [n_1, n_2], continuity)
    return statistic, p


def chi_square_test_groups(events, totals) -> tuple[float, int, float]:
    """Pearson chi-square test that k groups share one proportion (a k×2 table, no correction).

    Returns (statistic, degrees of freedom, p-value). Used when an article compares more
    than two arms at once, e.g. three antivirals.
    """
    events, totals = list(events), list(totals)
    if len(events) != len(totals):
        raise ValueError(f"events and totals differ in length, got {len(events)} and {len(totals)}")
    if len(events) < 2:
        raise ValueError(f"the test compares at least two groups, got {len(events)}")
    checked = [_events_of(f"events[{i}]", k, f"totals[{i}]", n) for i, (k, n) in enumerate(zip(events, totals))]
    return _chi_square([k for k, _ in checked], [n for _, n in checked], continuity=False)


def welch_t_test_from_summary(
    mean_1: float, sd_1: float, n_1: int, mean_2: float, sd_2: float, n_2: int
) -> tuple[float, float]:
    """Welch's t-test from printed means, SDs and group sizes: (t statistic, two-sided p), by scipy."""
    from scipy import stats as scipy_stats

    n_1, n_2 = _count("n_1", n_1), _count("n_2", n_2)
    for name, n in (("n_1", n_1), ("n_2", n_2)):
        if n < 2:
            raise ValueError(f"{name} must be at least 2 for a standard deviation to exist, got {name}={n}")
    result = scipy_stats.ttest_ind_from_stats(
        _number("mean_1", mean_1), _positive("sd_1", sd_1), n_1,
        _number("mean_2", mean_2), _positive("sd_2", sd_2), n_2,
        equal_var=False,
    )
    return float(result.statistic), float(result.pvalue)


# --- Ratios reported with an interval ------------------------------------------------------------


def _ratio_interval(low: float, high: float) -> tuple[float, float]:
    low, high = _positive("low", low), _positive("high", high)
    if not low < high:
        raise ValueError(f"need low < high for a ratio's interval, got low={low}, high={high}")
    return low, high


def log_se_from_ci(low: float, high: float, level: float = 0.95) -> float:
    """Standard error of log(ratio) recovered from a reported ratio interval."""
    low, high = _ratio_interval(low, high)
    return (math.log(high) - math.log(low)) / (2 * z_for_level(level))


def ratio_from_ci(low: float, high: float, level: float = 0.95) -> Estimate:
    """The ratio implied by a log-symmetric interval: its geometric midpoint."""
    low, high = _ratio_interval(low, high)
    _alpha(level)
    return Estimate(math.sqrt(low * high), low, high, f"geometric midpoint of the reported {level:.0%} CI")


def p_value_from_ratio_ci(ratio: float, low: float, high: float, level: float = 0.95) -> float:
    """Two-sided p-value of a ratio against 1, from its log-scale interval (Altman & Bland 2011)."""
    from scipy import stats as scipy_stats

    ratio = _positive("ratio", ratio)
    low, high = _ratio_interval(low, high)
    if not low <= ratio <= high:
        raise ValueError(f"ratio must lie inside its interval, got ratio={ratio}, low={low}, high={high}")
    z = abs(math.log(ratio)) / log_se_from_ci(low, high, level)
    return float(2 * scipy_stats.norm.sf(z))


def survival_under_hazard_ratio(control_survival: float, hazard_ratio: float) -> float:
    """Survival in a treated group implied by a hazard ratio, S_treated = S_control ** HR.

    This holds only under proportional hazards (the ratio of hazards is the same at every
    time), which a pooled hazard ratio assumes anyway. It turns a relative effect into an
    absolute one for a chosen control-arm survival.
    """
    control_survival = _number("control_survival", control_survival)
    if not 0 <= control_survival <= 1:
        raise ValueError(f"control_survival must be a probability between 0 and 1, got {control_survival}")
    return control_survival ** _positive("hazard_ratio", hazard_ratio)


# --- Pooling -------------------------------------------------------------------------------------


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


def _cochran_q(estimates: np.ndarray, variances: np.ndarray) -> float:
    """Cochran's Q: squared deviations from the fixed-effect mean, weighted by 1 / variance."""
    weights = 1 / variances
    fixed = np.sum(weights * estimates) / np.sum(weights)
    return float(np.sum(weights * (estimates - fixed) ** 2))


def _inverse_variance(
    estimates: np.ndarray, variances: np.ndarray, tau_squared: float, level: float, method: str
) -> PooledEstimate:
    """Weighted mean with weights 1 / (variance + τ²), with Cochran's Q and I² beside it."""
    weights = 1 / (variances + tau_squared)
    pooled = float(np.sum(weights * estimates) / np.sum(weights))
    se = math.sqrt(1 / float(np.sum(weights)))
    q = _cochran_q(estimates, variances)
    degrees_of_freedom = len(estimates) - 1
    # I² = (Q − df) / Q, truncated at zero like τ² (Higgins & Thompson 2002).
    i_squared = max(0.0, (q - degrees_of_freedom) / q) if q > 0 else 0.0
    z = z_for_level(level)
    return PooledEstimate(pooled, se, pooled - z * se, pooled + z * se, q, i_squared, tau_squared, method)


def pool_fixed_effect(estimates, standard_errors, level: float = 0.95) -> PooledEstimate:
    """Inverse-variance fixed-effect pooling of estimates on an additive scale (log for ratios)."""
    estimates, standard_errors = _studies(estimates, standard_errors)
    return _inverse_variance(estimates, standard_errors**2, 0.0, level, "inverse-variance fixed effect")


def pool_random_effects(estimates, standard_errors, level: float = 0.95) -> PooledEstimate:
    """DerSimonian–Laird random-effects pooling, with Cochran's Q, I² and τ² truncated at zero.

    τ² = max(0, (Q − df) / (Σw − Σw² / Σw)) with w = 1 / SE² (DerSimonian & Laird 1986), as
    R's metafor computes it (rma, method="DL"). The book keeps its own copy because
    statsmodels 0.15's combine_effects(method_re="dl") does not truncate: for homogeneous
    studies (Q < df) it returns a negative τ², a negative I², and random-effects weights
    1 / (SE² + τ²) that can be negative or infinite (its standard error is then NaN).
    """
    estimates, standard_errors = _studies(estimates, standard_errors)
    variances = standard_errors**2
    weights = 1 / variances
    scaling = float(np.sum(weights) - np.sum(weights**2) / np.sum(weights))
    excess = _cochran_q(estimates, variances) - (len(estimates) - 1)
    # One study: no between-study variance to estimate (scaling is 0).
    tau_squared = max(0.0, excess / scaling) if scaling > 0 else 0.0
    return _inverse_variance(estimates, variances, tau_squared, level, "DerSimonian–Laird random effects")


# --- Printed, rounded percentages ---------------------------------------------------------------


def wilson_interval_from_rounded_percent(reported_percent: str, n: int, level: float = 0.95) -> Estimate:
    """A Wilson interval when a paper prints only a rounded percentage of n patients.

    Every count k out of n whose share rounds to the printed percentage is possible; the
    interval runs from the lowest Wilson bound of the smallest such k to the highest bound
    of the largest, so it covers every count the paper could have meant. The point value
    is the printed percentage. Raises ValueError if no count out of n gives that percentage.
    """
    n = _patients("n", n)
    _alpha(level)
    # Imported here: evidence.claims holds the rounding rules, and stats must not depend on it at import.
    from evidence.printed import numerators_for_percent

    counts = numerators_for_percent(reported_percent, n)
    if not counts:
        raise ValueError(f"no count out of {n} rounds to {reported_percent}%")
    low = wilson_interval(counts[0], n, level).low
    high = wilson_interval(counts[-1], n, level).high
    return Estimate(float(reported_percent) / 100, low, high, "Wilson score, widened over the counts that round to the printed percentage")


def newcombe_difference_from_rounded_percents(
    reported_1: str, n_1: int, reported_2: str, n_2: int, level: float = 0.95
) -> Estimate:
    """Newcombe's interval of p1 − p2 when a paper prints only rounded percentages of n_1 and n_2.

    Like :func:`wilson_interval_from_rounded_percent`, it covers every pair of counts whose
    shares round to the printed percentages: from the lowest Newcombe bound over those pairs
    to the highest. The point value is the difference of the printed percentages. Raises
    ValueError if no count out of a group gives its percentage.
    """
    from evidence.printed import numerators_for_percent

    _alpha(level)
    counts_1 = numerators_for_percent(reported_1, _patients("n_1", n_1))
    counts_2 = numerators_for_percent(reported_2, _patients("n_2", n_2))
    for reported, n, counts in ((reported_1, n_1, counts_1), (reported_2, n_2, counts_2)):
        if not counts:
            raise ValueError(f"no count out of {n} rounds to {reported}%")
    intervals = [newcombe_difference(k_1, n_1, k_2, n_2, level) for k_1 in counts_1 for k_2 in counts_2]
    return Estimate((float(reported_1) - float(reported_2)) / 100, min(i.low for i in intervals),
                    max(i.high for i in intervals),
                    "Newcombe hybrid score, widened over the counts that round to the printed percentages")
