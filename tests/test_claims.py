"""The claim checks on constructed cases whose answers are worked out by hand."""

import pytest

from evidence.claims import numerators_for_percent, percent_from_counts, proportion_feasibility, rounds_to


@pytest.mark.parametrize(
    "value, reported, expected",
    [(65.16, "65.2", True), (66.13, "65.2", False), (0.45, "0.5", True), (4.5454, "4.55", True), (20.0, "20", True)],
)
def test_rounds_to_the_reported_precision(value, reported, expected):
    assert rounds_to(value, reported) is expected


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
