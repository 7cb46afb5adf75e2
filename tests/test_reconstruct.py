"""Recovering counts from printed percentages and a printed interval, checked by hand."""

import math

import pytest

from evidence import stats
from evidence.reconstruct import CountPair, check_difference_intervals, count_pairs_for_percentages


def test_wald_difference_by_hand():
    # 9/45 vs 2/44: p1 = 0.2, p2 = 1/22; se = sqrt(0.2*0.8/45 + (1/22)(21/22)/44) = 0.067392.
    p_2 = 1 / 22
    se = math.sqrt(0.2 * 0.8 / 45 + p_2 * (1 - p_2) / 44)
    assert se == pytest.approx(0.067392, abs=1e-6)
    interval = stats.wald_difference(9, 45, 2, 44)
    assert interval.value == pytest.approx(0.2 - p_2)
    assert (interval.low, interval.high) == pytest.approx((0.022460, 0.286631), abs=1e-6)


def test_wald_difference_with_continuity_correction_widens_by_half_the_reciprocal_sum():
    plain = stats.wald_difference(9, 45, 2, 44)
    corrected = stats.wald_difference(9, 45, 2, 44, continuity=True)
    widening = (1 / 45 + 1 / 44) / 2  # 0.022475
    assert corrected.low == pytest.approx(plain.low - widening)
    assert corrected.high == pytest.approx(plain.high + widening)


def test_wald_difference_matches_statsmodels():
    from statsmodels.stats.proportion import confint_proportions_2indep

    expected = confint_proportions_2indep(9, 45, 2, 44, method="wald", compare="diff")
    interval = stats.wald_difference(9, 45, 2, 44)
    assert (interval.low, interval.high) == pytest.approx(expected, abs=1e-10)


def test_count_pairs_list_every_denominator_up_to_the_arm_size():
    # 50% out of at most 4 patients: 1/2, 2/4; 25% out of at most 4: 1/4.
    pairs = count_pairs_for_percentages("50", 4, "25", 4)
    assert pairs == [CountPair(1, 2, 1, 4), CountPair(2, 4, 1, 4)]


def test_count_pairs_respect_the_printed_precision():
    # 4.55% (two decimals) out of at most 46: only 1/22 = 4.545...% and 2/44; 3/66 is too large an n.
    pairs = count_pairs_for_percentages("100", 1, "4.55", 46)
    assert [(p.events_2, p.n_2) for p in pairs] == [(1, 22), (2, 44)]


def test_interval_check_finds_the_pair_and_method_that_reproduce_a_printed_interval():
    checks = check_difference_intervals([CountPair(9, 45, 2, 44), CountPair(9, 45, 1, 22)], "2.25", "28.66")
    reproducing = [(str(c.pair), c.method) for c in checks if c.reproduces]
    assert reproducing == [("9/45 vs 2/44", "Wald")]


def test_fewest_lost_to_follow_up_reconciles_counts_with_kaplan_meier():
    from evidence.reconstruct import fewest_lost_for_kaplan_meier

    # Xiao 2019, SMT arm at day 28: 185/310 survivors, Kaplan-Meier 59.0%. By hand:
    # c = 5: 180/305 = 59.016% -> rounds to 59.0; c = 4: 181/306 = 59.150% -> 59.2.
    assert fewest_lost_for_kaplan_meier(185, 310, "59.0") == 5
    # Nothing lost when the share already rounds to the printed percentage: 59/100 = 59.0%.
    assert fewest_lost_for_kaplan_meier(59, 100, "59.0") == 0
