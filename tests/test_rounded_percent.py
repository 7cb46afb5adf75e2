"""Wilson intervals from a printed, rounded percentage: checked against counts worked out by
hand and against statsmodels' Wilson interval."""

import pytest
from statsmodels.stats.proportion import proportion_confint

from evidence import stats


def test_interval_spans_every_count_that_rounds_to_the_percentage():
    # 38% of 1,071 (PREDICT): 37.5% <= k/1071 < 38.5% gives k = 402 (401.6 rounded up) to 412
    # (412.3 rounded down), worked out by hand.
    estimate = stats.wilson_interval_from_rounded_percent("38", 1071)
    assert estimate.value == pytest.approx(0.38)
    assert estimate.low == pytest.approx(proportion_confint(402, 1071, method="wilson")[0], abs=1e-12)
    assert estimate.high == pytest.approx(proportion_confint(412, 1071, method="wilson")[1], abs=1e-12)


def test_a_single_possible_count_gives_the_plain_wilson_interval():
    # 90.2% of 737: 0.9015 * 737 = 664.4 and 0.9025 * 737 = 665.1, so only k = 665 fits.
    estimate = stats.wilson_interval_from_rounded_percent("90.2", 737)
    assert (estimate.low, estimate.high) == pytest.approx(proportion_confint(665, 737, method="wilson"), abs=1e-12)


def test_an_impossible_percentage_is_refused():
    # With 3 patients the shares are 0, 33.3, 66.7 and 100%: 50.0% cannot arise.
    with pytest.raises(ValueError, match="no count out of 3"):
        stats.wilson_interval_from_rounded_percent("50.0", 3)


@pytest.mark.parametrize(
    "n, level, message",
    [(0, 0.95, "n must be at least 1"), (10.5, 0.95, "n must be a whole number of patients, got 10.5"),
     (100, 95, "level must be between 0 and 1")],
)
def test_bad_arguments_are_refused(n, level, message):
    with pytest.raises(ValueError, match=message):
        stats.wilson_interval_from_rounded_percent("38", n, level)
