"""The phone rule for figures: the smallest text, scaled to a 390-px phone's column, is at
least 70% of the body text (17.6 px there, so 12.32 px)."""

import matplotlib

matplotlib.use("agg")
import matplotlib.pyplot as plt
import pytest

from evidence.report import glue_figure
from evidence.style import phone_text_problem, use_book_style, wrapped


def _figure(width_inches: float, text_points: float):
    use_book_style()
    figure, axes = plt.subplots(figsize=(width_inches, 2))
    axes.set_axis_off()
    axes.text(0.5, 0.5, "x", fontsize=text_points)
    # A frame of the full width, so the tight bounding box is the figure itself.
    figure.patches.append(matplotlib.patches.Rectangle((0, 0), 1, 1, transform=figure.transFigure, fill=False))
    return figure


def test_the_old_size_is_too_small_on_a_phone():
    # 9-pt text in a 6.4-inch (460.8-pt) figure: 9 * 342 / 460.8 = 6.68 px on the phone.
    problem = phone_text_problem(_figure(6.4, 9))
    assert problem is not None and "6.7 px" in problem and "12.3 px" in problem


def test_twelve_point_text_in_a_book_wide_figure_is_readable():
    # 12 * 342 / (4.6 * 72) = 12.39 px, just above 12.32.
    assert phone_text_problem(_figure(4.6, 12)) is None


def test_just_below_the_line_is_refused():
    # 12 * 342 / (4.7 * 72) = 12.13 px.
    assert phone_text_problem(_figure(4.7, 12)) is not None


def test_glue_figure_refuses_an_unreadable_figure_by_name():
    with pytest.raises(ValueError, match="figure 'fig-too-small' is not readable on a phone"):
        glue_figure("fig-too-small", _figure(6.4, 9))


def test_wrapped_keeps_lines_short_and_keeps_given_breaks():
    assert wrapped("one two three four", 9) == "one two\nthree\nfour"
    assert wrapped("a\nb", 9) == "a\nb"
