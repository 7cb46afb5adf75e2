"""Absolute survival from a hazard ratio, and the chi-square test across k groups,
against values worked out by hand."""

import math

import numpy as np
import pytest

from evidence import stats


@pytest.mark.parametrize(
    "control, hazard_ratio, treated",
    # 0.25 ** 0.5 = 0.5; 0.9 ** 2 = 0.81; 0.64 ** 1.5 = 0.8 ** 3 = 0.512.
    [(0.25, 0.5, 0.5), (0.9, 2.0, 0.81), (0.64, 1.5, 0.512), (0.42, 1.0, 0.42)],
)
def test_survival_under_hazard_ratio_by_hand(control, hazard_ratio, treated):
    assert stats.survival_under_hazard_ratio(control, hazard_ratio) == pytest.approx(treated, abs=1e-12)


def test_a_hazard_ratio_below_one_raises_survival_and_the_extremes_stay_put():
    assert stats.survival_under_hazard_ratio(0.5, 0.7) > 0.5
    assert stats.survival_under_hazard_ratio(0.0, 0.7) == 0.0
    assert stats.survival_under_hazard_ratio(1.0, 0.7) == 1.0


@pytest.mark.parametrize(
    "control, hazard_ratio",
    [(1.2, 0.7), (-0.1, 0.7), (0.5, 0.0), (0.5, -1.0), (float("nan"), 0.7), (0.5, float("nan")), (0.5, float("inf"))],
)
def test_survival_under_hazard_ratio_rejects_impossible_input(control, hazard_ratio):
    with pytest.raises(ValueError):
        stats.survival_under_hazard_ratio(control, hazard_ratio)


def test_chi_square_groups_by_hand():
    # 5/20, 10/20, 15/20: pooled 1/2, expected 10 in every cell; each of the six cells adds
    # (5² or 0)/10, so the statistic is 10 on 2 df, and P(chi² on 2 df > x) = exp(−x/2).
    statistic, df, p = stats.chi_square_test_groups([5, 10, 15], [20, 20, 20])
    assert statistic == pytest.approx(10.0)
    assert df == 2
    assert p == pytest.approx(math.exp(-5), rel=1e-9)


def test_chi_square_groups_with_equal_proportions_is_zero():
    statistic, df, p = stats.chi_square_test_groups([10, 20, 5], [20, 40, 10])
    assert statistic == pytest.approx(0.0, abs=1e-12)
    assert (df, p) == (2, pytest.approx(1.0))


def test_chi_square_groups_with_two_groups_matches_the_2x2_test():
    # N(ad−bc)²/((a+b)(c+d)(a+c)(b+d)) for 30/50 vs 20/50: ad−bc = 900−400 = 500, so 100·500²/50⁴ = 4.
    statistic, df, _ = stats.chi_square_test_groups([30, 20], [50, 50])
    assert statistic == pytest.approx(4.0)
    assert df == 1


@pytest.mark.parametrize(
    "events, totals, message",
    [
        ([1], [2], "at least two groups, got 1"),
        ([3, 1], [2, 2], r"events\[0\] cannot be more than totals\[0\], got events\[0\]=3, totals\[0\]=2"),
        ([1, 1], [0, 2], r"totals\[0\] must be at least 1"),
        ([1, 2], [3], "differ in length, got 2 and 1"),
        ([1.5, 2], [3, 3], r"events\[0\] must be a whole number of patients, got 1.5"),
        ([float("nan"), 2], [3, 3], r"events\[0\] must be a whole number of patients, got nan"),
        ([1, -2], [3, 3], r"events\[1\] must not be negative, got -2"),
        ([0, 0, 0], [3, 4, 5], "at least one event and one non-event"),
        ([3, 4, 5], [3, 4, 5], "at least one event and one non-event"),
    ],
)
def test_chi_square_groups_rejects_impossible_input(events, totals, message):
    with pytest.raises(ValueError, match=message):
        stats.chi_square_test_groups(events, totals)


def test_chi_square_groups_takes_numpy_counts():
    statistic, df, _ = stats.chi_square_test_groups(np.array([30, 20]), np.array([50, 50], dtype=np.int32))
    assert (statistic, df) == (pytest.approx(4.0), 1)
