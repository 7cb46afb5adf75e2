"""Each statistic against a value computed independently: a paper's worked example, a hand
calculation, or a second implementation (statsmodels)."""

import math

import numpy as np
import pytest
from statsmodels.stats.contingency_tables import Table2x2
from statsmodels.stats.meta_analysis import combine_effects
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint
from statsmodels.stats.weightstats import ttest_ind

from evidence import stats


@pytest.mark.parametrize(
    "events, n, low, high",
    [(81, 263, 0.2553, 0.3662), (0, 10, 0.0, 0.2775), (15, 148, 0.0624, 0.1605)],
)
def test_wilson_matches_newcombe_1998_examples(events, n, low, high):
    # The first two are worked examples in Newcombe (1998), Stat Med 17:857, Table I.
    interval = stats.wilson_interval(events, n)
    assert interval.low == pytest.approx(low, abs=5e-5)
    assert interval.high == pytest.approx(high, abs=5e-5)


@pytest.mark.parametrize("events, n", [(205, 310), (1, 7), (44, 45)])
def test_wilson_matches_statsmodels(events, n):
    interval = stats.wilson_interval(events, n)
    assert (interval.low, interval.high) == pytest.approx(proportion_confint(events, n, method="wilson"), abs=1e-12)


def test_newcombe_difference_matches_the_papers_example():
    # Newcombe (1998), Stat Med 17:873, example (a): 56/70 − 48/80, method 10: 0.0524 to 0.3339.
    difference = stats.newcombe_difference(56, 70, 48, 80)
    assert difference.value == pytest.approx(0.2)
    assert (difference.low, difference.high) == pytest.approx((0.0524, 0.3339), abs=5e-5)


def test_newcombe_difference_matches_statsmodels():
    difference = stats.newcombe_difference(163, 310, 136, 310)
    expected = confint_proportions_2indep(163, 310, 136, 310, method="newcomb", compare="diff")
    assert (difference.low, difference.high) == pytest.approx(expected, abs=1e-10)


def test_risk_ratio_matches_statsmodels_log_interval():
    ratio = stats.risk_ratio(205, 310, 185, 310)
    table = Table2x2(np.array([[205, 105], [185, 125]]))
    assert ratio.value == pytest.approx(table.riskratio)
    assert (ratio.low, ratio.high) == pytest.approx(table.riskratio_confint(), abs=1e-10)


def test_risk_ratio_refuses_zero_events():
    with pytest.raises(ValueError):
        stats.risk_ratio(0, 10, 3, 10)


def test_nnt_with_an_interval_that_excludes_zero():
    nnt = stats.number_needed_to_treat(stats.Estimate(0.1, 0.05, 0.2, "hand"))
    assert nnt.value == pytest.approx(10)
    assert nnt.bounds == pytest.approx((5, 20))
    assert nnt.describe() == "NNTB 10 (95% CI 5 to 20)"


def test_nnt_interval_through_infinity():
    # Altman (1998): a difference of 5 points (−2 to 12) gives NNTB 8.3 to ∞ to NNTH 50.
    nnt = stats.number_needed_to_treat(stats.Estimate(0.05, -0.02, 0.12, "hand"))
    assert nnt.crosses_infinity
    assert nnt.describe(digits=1) == "NNTB 20.0 (95% CI NNTB 8.3 to ∞ to NNTH 50.0)"


def test_fisher_exact_on_the_lady_tasting_tea():
    # Fisher's own example: 3 of 4 cups right; two-sided p = 34/70.
    assert stats.fisher_exact_p(3, 4, 1, 4) == pytest.approx(34 / 70)


def test_chi_square_matches_the_shortcut_formula():
    a, b, c, d = 10, 10, 5, 15
    n = a + b + c + d
    shortcut = n * (a * d - b * c) ** 2 / ((a + b) * (c + d) * (a + c) * (b + d))
    statistic, p = stats.chi_square_test(a, a + b, c, c + d)
    assert statistic == pytest.approx(shortcut)
    assert p == pytest.approx(math.erfc(math.sqrt(shortcut / 2)))


def test_log_se_recovered_from_a_constructed_interval():
    z = 1.959963984540054
    low, high = 2 * math.exp(-z * 0.2), 2 * math.exp(z * 0.2)
    assert stats.log_se_from_ci(low, high) == pytest.approx(0.2)
    assert stats.ratio_from_ci(low, high).value == pytest.approx(2)


def test_p_value_from_ci_matches_altman_and_bland_2011():
    # BMJ 2011;343:d2304: an estimate of 0.81 (0.70 to 0.94) gives z ≈ 2.80, P ≈ 0.005.
    assert stats.p_value_from_ratio_ci(0.81, 0.70, 0.94) == pytest.approx(0.005, abs=0.0005)


LOG_RATIOS = np.log([0.60, 0.85, 0.40, 1.10])
SES = np.array([0.20, 0.15, 0.30, 0.25])


def test_fixed_effect_matches_statsmodels():
    pooled = stats.pool_fixed_effect(LOG_RATIOS, SES)
    reference = combine_effects(LOG_RATIOS, SES**2, method_re="dl")
    assert pooled.estimate == pytest.approx(reference.mean_effect_fe)
    assert pooled.se == pytest.approx(reference.sd_eff_w_fe)


def test_random_effects_matches_statsmodels():
    pooled = stats.pool_random_effects(LOG_RATIOS, SES)
    reference = combine_effects(LOG_RATIOS, SES**2, method_re="dl")
    assert pooled.estimate == pytest.approx(reference.mean_effect_re)
    assert pooled.se == pytest.approx(reference.sd_eff_w_re)
    assert pooled.tau_squared == pytest.approx(reference.tau2)
    assert pooled.q == pytest.approx(reference.q)
    assert pooled.i_squared == pytest.approx(reference.i2)


def test_identical_studies_have_no_heterogeneity():
    pooled = stats.pool_random_effects([0.5, 0.5, 0.5], [0.1, 0.2, 0.3])
    assert (pooled.q, pooled.i_squared, pooled.tau_squared) == (0, 0, 0)
    assert pooled.estimate == pytest.approx(0.5)


def test_welch_from_summary_matches_the_raw_data_test():
    first, second = np.array([1.0, 2, 3, 4, 5]), np.array([2.0, 4, 6, 8, 10, 12])
    t, p = stats.welch_t_test_from_summary(
        first.mean(), first.std(ddof=1), len(first), second.mean(), second.std(ddof=1), len(second)
    )
    reference_t, reference_p, _ = ttest_ind(first, second, usevar="unequal")
    assert (t, p) == pytest.approx((reference_t, reference_p))
