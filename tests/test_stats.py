"""Each statistic against a value computed independently: a paper's worked example, a hand
calculation, R's metafor, or a second implementation that evidence.stats does not call."""

import math

import numpy as np
import pytest
from statsmodels.stats.meta_analysis import combine_effects
from statsmodels.stats.proportion import confint_proportions_2indep
from statsmodels.stats.weightstats import ttest_ind

from evidence import stats

Z_95 = 1.959963984540054


# --- Wilson ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "events, n, low, high",
    [(81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605), (0, 20, 0.0, 0.1611), (1, 29, 0.0061, 0.1718)],
)
def test_wilson_matches_newcombe_1998_examples(events, n, low, high):
    # Newcombe (1998), Stat Med 17:857, Table I, method 3 (score interval without correction).
    interval = stats.wilson_interval(events, n)
    assert interval.value == pytest.approx(events / n)
    assert interval.low == pytest.approx(low, abs=5e-5)
    assert interval.high == pytest.approx(high, abs=5e-5)


@pytest.mark.parametrize("n", [1, 10, 310])
def test_wilson_at_the_edges_by_hand(n):
    # With 0 events the score interval is 0 to z²/(n + z²); with n events, n/(n + z²) to 1.
    none, every = stats.wilson_interval(0, n), stats.wilson_interval(n, n)
    assert (none.low, none.high) == pytest.approx((0, Z_95**2 / (n + Z_95**2)), abs=1e-12)
    assert (every.low, every.high) == pytest.approx((n / (n + Z_95**2), 1), abs=1e-12)


def test_counts_may_be_numpy_integers_or_whole_floats():
    # pandas hands out numpy integers, and floats for a count column that has gaps.
    for events, n in [(np.int64(81), np.int64(263)), (np.int32(81), 263), (81.0, np.float64(263.0))]:
        interval = stats.wilson_interval(events, n)
        assert (interval.low, interval.high) == pytest.approx((0.2553, 0.3662), abs=5e-5)


def test_wilson_for_a_printed_share_by_hand():
    # A share p of n treated as exact: centre (p + z²/2n)/(1 + z²/n) ± z/(1 + z²/n)·√(p(1−p)/n + z²/4n²).
    p, n = 0.221, 148
    centre = (p + Z_95**2 / (2 * n)) / (1 + Z_95**2 / n)
    half = Z_95 / (1 + Z_95**2 / n) * math.sqrt(p * (1 - p) / n + Z_95**2 / (4 * n * n))
    interval = stats.wilson_interval_for_share(p, n)
    assert interval.value == p
    assert (interval.low, interval.high) == pytest.approx((centre - half, centre + half), abs=1e-12)


# --- Differences and ratios ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "counts, low, high",
    [
        ((56, 70, 48, 80), 0.0524, 0.3339),
        ((9, 10, 3, 10), 0.1705, 0.8090),
        ((5, 56, 0, 29), -0.0381, 0.1926),
        ((0, 10, 0, 20), -0.1611, 0.2775),
        ((0, 10, 0, 10), -0.2775, 0.2775),
        ((10, 10, 0, 20), 0.6791, 1.0000),
        ((10, 10, 0, 10), 0.6075, 1.0000),
    ],
)
def test_newcombe_difference_matches_the_papers_examples(counts, low, high):
    # Newcombe (1998), Stat Med 17:873, Table II, method 10 (hybrid score, no correction).
    difference = stats.newcombe_difference(*counts)
    assert difference.value == pytest.approx(counts[0] / counts[1] - counts[2] / counts[3])
    assert (difference.low, difference.high) == pytest.approx((low, high), abs=5e-5)


def test_risk_ratio_katz_interval_by_hand():
    # 205/310 vs 185/310: RR = 205/185; SE(log RR) = √(1/205 − 1/310 + 1/185 − 1/310).
    se = math.sqrt(1 / 205 - 1 / 310 + 1 / 185 - 1 / 310)
    ratio = stats.risk_ratio(205, 310, 185, 310)
    assert ratio.value == pytest.approx(205 / 185)
    assert (ratio.low, ratio.high) == pytest.approx(
        (205 / 185 * math.exp(-Z_95 * se), 205 / 185 * math.exp(Z_95 * se)), rel=1e-12
    )


def test_risk_ratio_matches_statsmodels_two_proportion_log_interval():
    # A second statsmodels implementation of the Katz interval, which evidence.stats does not call.
    ratio = stats.risk_ratio(163, 310, 136, 310, level=0.9)
    expected = confint_proportions_2indep(163, 310, 136, 310, compare="ratio", method="log", alpha=0.1)
    assert (ratio.low, ratio.high) == pytest.approx(expected, rel=1e-12)


def test_risk_ratio_when_every_patient_in_a_group_has_the_event():
    # 10/10 vs 5/10: RR = 2 and SE(log RR) = √(1/10 − 1/10 + 1/5 − 1/10) = √0.1; no cell is shifted.
    ratio = stats.risk_ratio(10, 10, 5, 10)
    assert ratio.value == pytest.approx(2.0)
    assert ratio.high == pytest.approx(2 * math.exp(Z_95 * math.sqrt(0.1)))


@pytest.mark.parametrize("counts, name", [((0, 10, 3, 10), "events_1=0"), ((3, 10, 0, 10), "events_2=0")])
def test_risk_ratio_refuses_a_group_without_events_and_says_what_to_do(counts, name):
    with pytest.raises(ValueError, match=f"{name}.*newcombe_difference"):
        stats.risk_ratio(*counts)


# --- Number needed to treat ------------------------------------------------------------------------


def describe(value, low, high):
    return stats.number_needed_to_treat(stats.Estimate(value, low, high, "hand")).describe()


@pytest.mark.parametrize("difference, nnt", [(-0.12, 9), (-0.22, 5), (0.1, 10), (0.25, 4), (0.065, 16)])
def test_nnt_is_rounded_up(difference, nnt):
    # Cochrane Handbook 5.1, 12.5.4.1: a risk difference of −0.12 gives NNT 9 (8.3 up), −0.22 gives 5 (4.5 up).
    # 1/0.1 and 1/0.25 are whole numbers and stay so; 1/0.065 = 15.4 becomes 16.
    assert stats.number_needed_to_treat_point(difference) == nnt


def test_nnt_with_an_interval_that_excludes_zero():
    nnt = stats.number_needed_to_treat(stats.Estimate(0.1, 0.05, 0.2, "hand"))
    assert nnt.value == 10
    assert nnt.kind == "NNTB"
    assert nnt.bounds == (5, 20)
    assert nnt.describe() == "NNTB 10 (5 to 20)"


def test_nnt_limits_are_rounded_up_too():
    # 8.7 points (0.8 to 16.4): 1/0.087 = 11.5, 1/0.164 = 6.1, 1/0.008 = 125.
    assert describe(0.087, 0.008, 0.164) == "NNTB 12 (7 to 125)"


def test_nnt_interval_through_infinity_as_altman_writes_it():
    # Altman (1998), the example of his figures 1 and 2: a difference of 10% (−5% to 25%) gives
    # NNTB 10 with an interval from NNTH 20 through infinity to NNTB 4.
    nnt = stats.number_needed_to_treat(stats.Estimate(0.10, -0.05, 0.25, "hand"))
    assert nnt.crosses_infinity
    assert nnt.describe() == "NNTB 10 (NNTH 20 to ∞ to NNTB 4)"
    with pytest.raises(ValueError, match="crosses infinity"):
        nnt.bounds


def test_nnt_through_infinity_rounds_each_limit_up():
    # 6.5 points (−1.1 to 13.9): 1/0.065 = 15.4, 1/0.011 = 90.9, 1/0.139 = 7.2.
    assert describe(0.065, -0.011, 0.139) == "NNTB 16 (NNTH 91 to ∞ to NNTB 8)"


def test_nnt_for_a_harm():
    # −5 points (−12 to −3): NNTH 20, limits 1/0.12 = 8.3 and 1/0.03 = 33.3.
    assert describe(-0.05, -0.12, -0.03) == "NNTH 20 (9 to 34)"
    assert describe(-0.05, -0.12, 0.02) == "NNTH 20 (NNTH 9 to ∞ to NNTB 50)"


def test_nnt_with_no_difference_or_a_limit_at_zero():
    assert describe(0.0, -0.1, 0.1) == "NNT ∞ (NNTH 10 to ∞ to NNTB 10)"
    assert describe(0.05, 0.0, 0.1) == "NNTB 20 (10 to ∞)"


@pytest.mark.parametrize(
    "value, low, high", [(0.1, 0.2, 0.3), (0.1, -0.1, 0.05), (math.nan, 0.0, 0.1), (0.5, 0.2, 1.5)]
)
def test_nnt_refuses_a_difference_outside_its_interval_or_impossible(value, low, high):
    with pytest.raises(ValueError, match="difference"):
        stats.number_needed_to_treat(stats.Estimate(value, low, high, "hand"))


# --- Tests of significance -----------------------------------------------------------------------


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


def test_chi_square_with_yates_correction_by_hand():
    # N(|ad − bc| − N/2)² / ((a+b)(c+d)(a+c)(b+d)) = 40·(100 − 20)²/(20·20·15·25) = 1.70667.
    statistic, _ = stats.chi_square_test(10, 20, 5, 20, continuity=True)
    assert statistic == pytest.approx(40 * 80**2 / (20 * 20 * 15 * 25))


def test_chi_square_refuses_a_table_without_events_and_points_to_fisher():
    with pytest.raises(ValueError, match="0 events in 30 patients.*fisher_exact_p"):
        stats.chi_square_test(0, 10, 0, 20)
    assert stats.fisher_exact_p(0, 10, 0, 20) == 1.0  # only one table has these margins


def test_welch_from_summary_matches_the_raw_data_test():
    first, second = np.array([1.0, 2, 3, 4, 5]), np.array([2.0, 4, 6, 8, 10, 12])
    t, p = stats.welch_t_test_from_summary(
        first.mean(), first.std(ddof=1), len(first), second.mean(), second.std(ddof=1), len(second)
    )
    reference_t, reference_p, _ = ttest_ind(first, second, usevar="unequal")
    assert (t, p) == pytest.approx((reference_t, reference_p))


# --- Ratios printed with an interval -------------------------------------------------------------------


def test_log_se_recovered_from_a_constructed_interval():
    low, high = 2 * math.exp(-Z_95 * 0.2), 2 * math.exp(Z_95 * 0.2)
    assert stats.log_se_from_ci(low, high) == pytest.approx(0.2)
    assert stats.ratio_from_ci(low, high).value == pytest.approx(2)


def test_p_value_from_ci_matches_altman_and_bland_2011():
    # BMJ 2011;343:d2304: an estimate of 0.81 (0.70 to 0.94) gives z ≈ 2.80, P ≈ 0.005.
    assert stats.p_value_from_ratio_ci(0.81, 0.70, 0.94) == pytest.approx(0.005, abs=0.0005)


# --- Pooling, against R's metafor --------------------------------------------------------------------
# The reference values below are printed by tests/reference/metafor_pooling.R (metafor 3.8.1,
# R 4.2.2, Debian r-cran-metafor): rma(yi, vi, method="EE") and rma(yi, vi, method="DL").
# The script holds the same input data.

# metafor's dat.bcg (Colditz et al. 1994): vaccinated cases, non-cases; control cases, non-cases.
BCG = np.array([
    [4, 119, 11, 128], [6, 300, 29, 274], [3, 228, 11, 209], [62, 13536, 248, 12619],
    [33, 5036, 47, 5761], [180, 1361, 372, 1079], [8, 2537, 10, 619], [505, 87886, 499, 87892],
    [29, 7470, 45, 7232], [17, 1699, 65, 1600], [186, 50448, 141, 27197], [5, 2493, 3, 2338],
    [27, 16886, 29, 17825],
])  # fmt: skip
BCG_LOG_RR = np.log((BCG[:, 0] / BCG[:, :2].sum(1)) / (BCG[:, 2] / BCG[:, 2:].sum(1)))
BCG_SE = np.sqrt(1 / BCG[:, 0] - 1 / BCG[:, :2].sum(1) + 1 / BCG[:, 2] - 1 / BCG[:, 2:].sum(1))
LOG_RATIOS = np.log([0.60, 0.85, 0.40, 1.10])
SES = np.array([0.20, 0.15, 0.30, 0.25])
# Cochran's Q = 0.022 on 3 df: the DerSimonian–Laird τ² is −0.0437 before truncation at zero.
HOMOGENEOUS = np.array([0.10, 0.12, 0.08, 0.11])
HOMOGENEOUS_SE = np.array([0.20, 0.22, 0.18, 0.25])

# (estimate, se, ci low, ci high, Q, I², τ²) as metafor prints them.
METAFOR = {
    "bcg": {
        "fixed": (-0.4302851637, 0.0404987517, -0.5096612584, -0.3509090689, 152.2330080824, 0.9211734685, 0.0),
        "dl": (-0.7141172221, 0.1787420895, -1.0644452801, -0.3637891641, 152.2330080824, 0.9211734685, 0.3087602629),
    },
    "four": {
        "fixed": (-0.2967177727, 0.1017680297, -0.4961794457, -0.0972560996, 8.6706730549, 0.6540060984, 0.0),
        "dl": (-0.3421938682, 0.1841233229, -0.7030689498, 0.0186812135, 8.6706730549, 0.6540060984, 0.0863182833),
    },
    "homogeneous": {
        "fixed": (0.0995237974, 0.1039608020, -0.1042356302, 0.3032832251, 0.0221891600, 0.0, 0.0),
        "dl": (0.0995237974, 0.1039608020, -0.1042356302, 0.3032832251, 0.0221891600, 0.0, 0.0),
    },
}
DATA = {"bcg": (BCG_LOG_RR, BCG_SE), "four": (LOG_RATIOS, SES), "homogeneous": (HOMOGENEOUS, HOMOGENEOUS_SE)}
POOL = {"fixed": stats.pool_fixed_effect, "dl": stats.pool_random_effects}


@pytest.mark.parametrize("data", list(DATA))
@pytest.mark.parametrize("model", list(POOL))
def test_pooling_matches_metafor(data, model):
    pooled = POOL[model](*DATA[data])
    expected = METAFOR[data][model]
    got = (pooled.estimate, pooled.se, pooled.low, pooled.high, pooled.q, pooled.i_squared, pooled.tau_squared)
    assert got == pytest.approx(expected, abs=1e-9)


def test_fixed_effect_matches_statsmodels():
    pooled = stats.pool_fixed_effect(LOG_RATIOS, SES)
    reference = combine_effects(LOG_RATIOS, SES**2, method_re="dl")
    assert pooled.estimate == pytest.approx(reference.mean_effect_fe)
    assert pooled.se == pytest.approx(reference.sd_eff_w_fe)


def test_statsmodels_dersimonian_laird_does_not_truncate_tau_squared():
    # Why pool_random_effects is the book's own code: statsmodels 0.15 returns the untruncated
    # moment estimate, −0.0437306231 in metafor_pooling.R, where metafor returns 0. If this test
    # fails, statsmodels has changed and pool_random_effects may call it instead.
    with np.errstate(invalid="ignore", divide="ignore"):
        reference = combine_effects(HOMOGENEOUS, HOMOGENEOUS_SE**2, method_re="dl")
    assert reference.tau2 == pytest.approx(-0.0437306231, abs=1e-9)
    assert reference.i2 < 0
    assert stats.pool_random_effects(HOMOGENEOUS, HOMOGENEOUS_SE).tau_squared == 0


def test_identical_studies_have_no_heterogeneity():
    pooled = stats.pool_random_effects([0.5, 0.5, 0.5], [0.1, 0.2, 0.3])
    assert (pooled.q, pooled.i_squared, pooled.tau_squared) == (0, 0, 0)
    assert pooled.estimate == pytest.approx(0.5)


def test_one_study_pools_to_itself():
    pooled = stats.pool_random_effects([0.3], [0.1])
    assert (pooled.estimate, pooled.se, pooled.tau_squared) == pytest.approx((0.3, 0.1, 0))
    assert (pooled.low, pooled.high) == pytest.approx((0.3 - Z_95 * 0.1, 0.3 + Z_95 * 0.1))


# --- Bad arguments are refused, naming the argument and its value ------------------------------------


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: stats.wilson_interval(math.nan, 10), r"events must be a whole number of patients, got nan"),
        (lambda: stats.wilson_interval(3.5, 10), r"events must be a whole number of patients, got 3.5"),
        (lambda: stats.wilson_interval("3", 10), r"events must be a whole number of patients, got '3'"),
        (lambda: stats.wilson_interval(True, 10), r"events must be a whole number of patients, got True"),
        (lambda: stats.wilson_interval(-1, 10), r"events must not be negative, got -1"),
        (lambda: stats.wilson_interval(11, 10), r"events cannot be more than n, got events=11, n=10"),
        (lambda: stats.wilson_interval(0, 0), r"n must be at least 1.*got n=0"),
        (lambda: stats.wilson_interval(3, np.float64(10.5)), r"n must be a whole number of patients, got 10.5"),
        (lambda: stats.wilson_interval(3, 10, level=95), r"level must be between 0 and 1.*got 95"),
        (lambda: stats.wilson_interval(3, 10, level=1.0), r"level must be between 0 and 1.*got 1.0"),
        (lambda: stats.wilson_interval(3, 10, level=math.nan), r"level must be between 0 and 1.*got nan"),
        (lambda: stats.wilson_interval_for_share(1.2, 10), r"share must be a proportion.*got 1.2"),
        (lambda: stats.wilson_interval_for_share(0.2, 0), r"n must be at least 1"),
        (lambda: stats.newcombe_difference(5, 10, 11, 10), r"events_2 cannot be more than n_2, got events_2=11, n_2=10"),
        (lambda: stats.newcombe_difference(5, 10, 1, 10, level=0), r"level must be between 0 and 1.*got 0"),
        (lambda: stats.wald_difference(5, 0, 1, 10), r"n_1 must be at least 1.*got n_1=0"),
        (lambda: stats.risk_ratio(5, 10, 1.5, 10), r"events_2 must be a whole number of patients, got 1.5"),
        (lambda: stats.fisher_exact_p(-1, 10, 1, 10), r"events_1 must not be negative, got -1"),
        (lambda: stats.chi_square_test(5, 10, 1, math.inf), r"n_2 must be a whole number of patients, got inf"),
        (lambda: stats.welch_t_test_from_summary(1, 0, 5, 2, 1, 5), r"sd_1 must be greater than 0, got 0"),
        (lambda: stats.welch_t_test_from_summary(1, 1, 1, 2, 1, 5), r"n_1 must be at least 2.*got n_1=1"),
        (lambda: stats.welch_t_test_from_summary(math.nan, 1, 5, 2, 1, 5), r"mean_1 must be a finite number, got nan"),
        (lambda: stats.log_se_from_ci(0, 2), r"low must be greater than 0, got 0"),
        (lambda: stats.log_se_from_ci(2, 1), r"need low < high.*got low=2.0, high=1.0"),
        (lambda: stats.log_se_from_ci(1, 2, level=1.5), r"level must be between 0 and 1.*got 1.5"),
        (lambda: stats.ratio_from_ci(1, math.nan), r"high must be a finite number, got nan"),
        (lambda: stats.p_value_from_ratio_ci(3, 1, 2), r"ratio must lie inside its interval, got ratio=3.0"),
        (lambda: stats.p_value_from_ratio_ci(-1, 1, 2), r"ratio must be greater than 0, got -1"),
        (lambda: stats.survival_under_hazard_ratio(0.5, math.nan), r"hazard_ratio must be a finite number, got nan"),
        (lambda: stats.number_needed_to_treat_point(1.5), r"difference must be .* between -1 and 1, got 1.5"),
        (lambda: stats.pool_fixed_effect([], []), r"estimates is empty"),
        (lambda: stats.pool_fixed_effect([0.1, 0.2], [0.1]), r"differ in length, got 2 and 1"),
        (lambda: stats.pool_random_effects([0.1, 0.2], [0.1, 0]), r"standard_errors\[1\] must be greater than 0, got 0"),
        (lambda: stats.pool_random_effects([0.1, 0.2], [0.1, -0.2]), r"standard_errors\[1\] must be greater than 0"),
        (lambda: stats.pool_random_effects([0.1, 0.2], [math.inf, 0.1]), r"standard_errors\[0\] must be a finite number, got inf"),
        (lambda: stats.pool_fixed_effect([math.nan, 0.2], [0.1, 0.1]), r"estimates\[0\] must be a finite number, got nan"),
        (lambda: stats.pool_fixed_effect([0.1], [0.1], level=-0.95), r"level must be between 0 and 1"),
    ],
)
def test_bad_arguments_are_refused_with_a_clear_message(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def _wilson_by_hand(k: int, n: int, z: float = 1.959963984540054) -> tuple[float, float]:
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return centre - half, centre + half


def test_newcombe_from_rounded_percents_covers_every_count_pair():
    # Fernández 2018: 90-day survival 72.5% of 138 patients without infection vs 49% of 269 with.
    # Counts that round: 100/138 only; 131, 132 and 133 of 269. Newcombe (1998, method 10) by hand.
    bounds = []
    for k_2 in (131, 132, 133):
        p_1, p_2 = 100 / 138, k_2 / 269
        l_1, u_1 = _wilson_by_hand(100, 138)
        l_2, u_2 = _wilson_by_hand(k_2, 269)
        d = p_1 - p_2
        bounds.append((d - math.sqrt((p_1 - l_1) ** 2 + (u_2 - p_2) ** 2),
                       d + math.sqrt((u_1 - p_1) ** 2 + (p_2 - l_2) ** 2)))
    result = stats.newcombe_difference_from_rounded_percents("72.5", 138, "49", 269)
    assert result.value == pytest.approx(0.235)
    assert result.low == pytest.approx(min(b[0] for b in bounds), abs=1e-9)
    assert result.high == pytest.approx(max(b[1] for b in bounds), abs=1e-9)


def test_newcombe_from_rounded_percents_refuses_an_impossible_percentage():
    with pytest.raises(ValueError, match="no count out of 10 rounds to 33.3%"):
        stats.newcombe_difference_from_rounded_percents("33.3", 10, "50", 10)
