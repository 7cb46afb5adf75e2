"""The book's one figure style, and the plots that several chapters share.

- Colours: the Okabe–Ito palette, safe for the common forms of colour blindness. Colour is
  never the only cue: arms also differ by marker shape.
- Output: SVG with text kept as text, no date in the metadata and a fixed hash salt, so the
  same data give byte-identical files.
- Size: figures are drawn 6.4 inches wide at 11-point text, readable on a phone once scaled.

Call :func:`use_book_style` once at the top of a notebook, then
:func:`evidence.report.glue_figure` to hand a figure to the book, where a ``{glue:figure}``
directive gives it a number, caption and alt text.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib
import matplotlib.pyplot as plt
from matplotlib.figure import Figure

OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "grey": "#7F7F7F",
}
# The same role gets the same colour and marker in every chapter.
CONTROL = {"color": OKABE_ITO["blue"], "marker": "o"}
TREATMENT = {"color": OKABE_ITO["vermillion"], "marker": "s"}
SVG_METADATA = {"Date": None, "Creator": "Recomputing the evidence"}

BOOK_RC = {
    "figure.figsize": (6.4, 4.0),
    "figure.dpi": 100,
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#DDDDDD",
    "grid.linewidth": 0.6,
    "axes.prop_cycle": matplotlib.cycler(
        color=[OKABE_ITO[c] for c in ("blue", "vermillion", "bluish_green", "orange", "reddish_purple", "sky_blue")]
    ),
    "legend.frameon": False,
    "svg.fonttype": "none",
    "svg.hashsalt": "recomputing-the-evidence",
    "savefig.bbox": "tight",
}


def use_book_style() -> None:
    """Apply the book's rcParams and make the notebook render figures as deterministic SVG."""
    matplotlib.rcParams.update(BOOK_RC)
    try:
        from matplotlib_inline.backend_inline import set_matplotlib_formats
    except ImportError:  # outside Jupyter there is no inline backend to configure
        return
    set_matplotlib_formats("svg", metadata=SVG_METADATA, bbox_inches="tight")


def forest_plot(
    labels: Sequence[str],
    estimates: Sequence[float],
    lows: Sequence[float],
    highs: Sequence[float],
    *,
    xlabel: str,
    reference: float = 1.0,
    annotations: Sequence[str] | None = None,
    log_scale: bool = True,
    favours: tuple[str, str] | None = None,
) -> Figure:
    """A forest plot: one row per estimate, top to bottom in the given order.

    ``annotations`` are printed at the right of each row (for example the certainty of
    evidence); ``favours`` labels the two sides of the reference line.
    """
    rows = len(labels)
    figure, axes = plt.subplots(figsize=(6.4, 0.9 + 0.45 * rows))
    positions = list(range(rows, 0, -1))
    for y, estimate, low, high in zip(positions, estimates, lows, highs):
        axes.plot([low, high], [y, y], color=OKABE_ITO["black"], linewidth=1.4)
        axes.plot([estimate], [y], marker="s", markersize=7, color=OKABE_ITO["blue"])
    axes.axvline(reference, color=OKABE_ITO["grey"], linestyle="--", linewidth=1)
    axes.set_yticks(positions, labels)
    axes.set_ylim(0.3, rows + 0.7)
    if log_scale:
        axes.set_xscale("log")
        span = (min(lows), max(highs))
        ticks = [t for t in (0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10) if span[0] / 1.5 <= t <= span[1] * 1.5]
        axes.set_xticks(ticks, [f"{t:g}" for t in ticks])
        axes.minorticks_off()
    axes.set_xlabel(xlabel)
    axes.grid(axis="y", visible=False)
    if annotations is not None:
        for y, text in zip(positions, annotations):
            axes.annotate(text, xy=(1.02, y), xycoords=("axes fraction", "data"), va="center", fontsize=10)
    if favours is not None:
        for x_fraction, text, align in ((0.0, f"← favours {favours[0]}", "left"), (1.0, f"favours {favours[1]} →", "right")):
            axes.annotate(
                text, xy=(x_fraction, 1.0), xycoords="axes fraction", xytext=(0, 4), textcoords="offset points",
                ha=align, va="bottom", fontsize=9, color=OKABE_ITO["grey"],
            )
    return figure


def percent_ticks(axis) -> None:
    """Tick labels of an axis (``axes.xaxis`` or ``axes.yaxis``) as percentages: 20%, 62.5%."""
    axis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:g}%"))


def thousands_ticks(axis) -> None:
    """Tick labels of an axis as whole numbers with thousands separators: 12,000."""
    axis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:,.0f}"))


def percent_axis(axes, upper: float = 100.0) -> None:
    """Label a y axis holding percentages from 0 to ``upper``."""
    axes.set_ylim(0, upper)
    percent_ticks(axes.yaxis)

