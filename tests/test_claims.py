"""The claim checks and the precision rules on constructed cases whose answers are worked out by hand."""

import pytest

from evidence.claims import compare, percent_from_counts, proportion_feasibility, sum_check
from evidence.printed import ledger_numbers, smallest_denominators
from evidence.style import percent_ticks, thousands_ticks
from evidence.printed import Printed, agrees, decimals_written, numerators_for_percent, rounds_to


@pytest.mark.parametrize(
    "value, reported, expected",
    [(65.16, "65.2", True), (66.13, "65.2", False), (0.45, "0.5", True), (4.5454, "4.55", True), (20.0, "20", True)],
)
def test_rounds_to_the_reported_precision(value, reported, expected):
    assert rounds_to(value, reported) is expected


def test_a_printed_number_keeps_its_trailing_zero():
    assert decimals_written("59.0") == 1
    assert Printed.parse("59.0").decimals == 1
    assert str(Printed.parse("59.0")) == "59.0"
    assert Printed(59.0).decimals is None  # computed: exact


def test_59_point_0_agrees_with_59_point_0_give_or_take_0_05_never_59_point_4():
    # "59.0" means 58.95 to 59.05: 59.4 is outside it, and 59.0 is outside 59.35 to 59.45.
    # The old rule rebuilt the left side's precision from the float 59.0, i.e. from "59",
    # and let 59.4 pass.
    assert not agrees(Printed.parse("59.0"), "59.4")
    assert not compare(Printed.parse("59.0"), "=", Printed.parse("59.4"))[0]
    assert agrees(Printed.parse("59.0"), "59.04")
    # At the coarser precision: "59" means 58.5 to 59.5, which holds 59.4.
    assert agrees(Printed.parse("59"), "59.4")
    # A computed number agrees when it rounds to the printed one: 152/407 = 37.35%.
    assert agrees(100 * 152 / 407, "37")
    assert not agrees(100 * 205 / 310, "65.2")  # 66.13%


def test_printed_refuses_what_is_not_a_number():
    with pytest.raises(ValueError, match="not a number as printed"):
        Printed.parse("about 5")


def test_percent_from_counts_passes_and_fails_with_the_numbers_in_the_reason():
    assert percent_from_counts("65.2", 202, 310).passed
    failed = percent_from_counts("65.2", 205, 310)
    assert not failed.passed
    assert failed.reason == "205/310 = 66.13%, which does not match the reported 65.2%"


def test_numerators_for_percent_by_hand():
    assert numerators_for_percent("33.3", 3) == [1]
    assert numerators_for_percent("42.3", 310) == [131]
    assert numerators_for_percent("50", 3) == []


def test_feasibility_lists_the_smallest_denominators_that_work():
    result = proportion_feasibility("50", 3)
    assert not result.passed
    assert result.reason == "no count out of 3 gives 50%; the smallest denominators that do: 1/2, 2/4, 3/6, 4/8, 5/10"


def test_feasibility_of_a_trial_percentage():
    # 20% of 45 is 9 exactly; 4.55% of 44 is 2 (2/44 = 4.545…).
    assert proportion_feasibility("20", 45).reason == "20% can arise as 9/45"
    assert proportion_feasibility("4.55", 44).passed


def test_a_total_printed_with_a_decimal_is_judged_at_that_decimal():
    # 29.5 + 29.5 = 59.0 agrees with "59.0"; 29.7 + 29.7 = 59.4 does not.
    assert sum_check([29.5, 29.5], "59.0").passed
    assert not sum_check([29.7, 29.7], "59.0").passed


# --- Helpers the chapters use instead of code of their own ---

def test_smallest_denominators_for_twenty_percent_by_hand():
    # 1/5, 2/10, 3/15, 4/20, 5/25: no other group of 25 or fewer rounds to 20%.
    assert smallest_denominators("20") == [5, 10, 15, 20, 25]
    assert smallest_denominators("20", how_many=1) == [5]


def test_ledger_numbers_reads_a_values_cell():
    assert ledger_numbers("40;50") == [40.0, 50.0]
    assert ledger_numbers("-196") == [-196.0]


def test_percent_ticks_label_an_axis_in_percent():
    import matplotlib

    matplotlib.use("agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots()
    percent_ticks(axes.xaxis)
    thousands_ticks(axes.yaxis)
    assert axes.xaxis.get_major_formatter()(62.5, 0) == "62.5%"
    assert axes.yaxis.get_major_formatter()(12000, 0) == "12,000"
    plt.close(figure)
