"""The book's one figure style, and the plots that several chapters share.

- Colours: the Okabe–Ito palette, safe for the common forms of colour blindness. Colour is
  never the only cue: arms also differ by marker shape.
- Output: SVG with text kept as text, no date in the metadata and a fixed hash salt, so the
  same data give byte-identical files.
- Size: readable on a 390-px phone. There the page's column is 342 px wide and body text is
  17.6 px, and no figure text may be smaller than 70% of it. A figure is scaled to the column,
  so its smallest text, in points, must be at least 3.6% of its width in points: 12-point text
  in a figure at most 4.6 inches wide. :func:`phone_text_problem` checks this for every figure
  the book glues; panels go one above the other, never side by side.

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

# Measured in the built site at a 390-px viewport (tests/site/test_browser.py measures again).
PHONE_COLUMN_PX = 342
PHONE_BODY_TEXT_PX = 17.6
SMALLEST_TEXT_SHARE = 0.7
FIGURE_WIDTH = 4.6  # inches, labels included

BOOK_RC = {
    "figure.figsize": (FIGURE_WIDTH, 3.4),
    "figure.dpi": 100,
    "font.size": 12,
    "axes.titlesize": 12,
    "axes.labelsize": 12,
    "xtick.labelsize": 12,
    "ytick.labelsize": 12,
    "legend.fontsize": 12,
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


CHINESE_FONT = "Noto Sans CJK SC"


def use_chinese_font() -> None:
    """Draw with Noto Sans CJK SC, which has the Chinese characters (Debian's fonts-noto-cjk).

    The SVG names the font and lets the reader's browser fall back to its own sans-serif;
    matplotlib needs the font file only to measure the text.
    """
    import subprocess
    from glob import glob

    from matplotlib import font_manager

    try:
        found = subprocess.run(["fc-match", "-f", "%{file}", CHINESE_FONT], capture_output=True, text=True).stdout
    except OSError:
        found = ""
    files = [found] if "NotoSansCJK" in found else sorted(glob("/usr/share/fonts/**/NotoSansCJK*-Regular.tt[cf]",
                                                                  recursive=True))
    if not files:
        raise RuntimeError(f"the Chinese edition's figures need the font {CHINESE_FONT}: install Debian's "
                           "fonts-noto-cjk (make book does, with tools/ensure-browser.sh)")
    font_manager.fontManager.addfont(files[0])
    matplotlib.rcParams.update({"font.family": "sans-serif", "font.sans-serif": [CHINESE_FONT, "DejaVu Sans"]})


def use_book_style() -> None:
    """Apply the book's rcParams and make the notebook render figures as deterministic SVG."""
    from evidence.language import chinese

    matplotlib.rcParams.update(BOOK_RC)
    if chinese():
        use_chinese_font()
    try:
        from matplotlib_inline.backend_inline import set_matplotlib_formats
    except ImportError:  # outside Jupyter there is no inline backend to configure
        return
    set_matplotlib_formats("svg", metadata=SVG_METADATA, bbox_inches="tight")


def phone_text_problem(figure: Figure) -> str | None:
    """Why the figure's smallest text would be too small on a 390-px phone, or None if it is not.

    The width is the figure's drawn extent (``savefig.bbox`` is tight), labels included.
    """
    from matplotlib.text import Text

    renderer = figure.canvas.get_renderer()
    width_points = figure.get_tightbbox(renderer).width * 72
    texts = [t for t in figure.findobj(Text) if t.get_visible() and t.get_text().strip()]
    if not texts:
        return None
    smallest = min(texts, key=lambda t: t.get_fontsize())
    on_phone_px = smallest.get_fontsize() * PHONE_COLUMN_PX / width_points
    needed_px = SMALLEST_TEXT_SHARE * PHONE_BODY_TEXT_PX
    if on_phone_px >= needed_px - 1e-9:
        return None
    return (f"the figure is {width_points / 72:.2f} inches wide and its smallest text, "
            f"{smallest.get_text()!r}, is {smallest.get_fontsize():g} pt: on a 390-px phone that is "
            f"{on_phone_px:.1f} px, below the {needed_px:.1f} px the book needs (70% of body text). "
            f"Draw it narrower (at most {FIGURE_WIDTH} inches with 12-point text) or stack its panels.")


def wrapped(text: str, width: int = 38) -> str:
    """Text broken into lines of at most ``width`` characters, to fit a phone-wide figure."""
    import textwrap

    if _has_chinese(text):
        return "\n".join(wrapped_chinese(part, width) for part in text.split("\n"))
    return "\n".join(textwrap.fill(part, width) for part in text.split("\n"))


def _has_chinese(text: str) -> bool:
    import unicodedata

    return any(unicodedata.east_asian_width(c) in "WF" for c in text)


def _display_width(text: str) -> int:
    """Columns a text takes: a Chinese character is as wide as two Latin letters."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrapped_chinese(text: str, width: int) -> str:
    """Chinese text broken into lines of at most ``width`` columns (Latin letters count one,
    Chinese characters two); a Latin word or number is never split."""
    import re

    lines, line = [], ""
    for token in re.findall(r"[A-Za-z0-9.,%()+−\-–/=<>≥≤·]+|\s+|.", text):
        if line and _display_width(line + token) > width:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    lines.append(line.rstrip())
    return "\n".join(lines)


def _translated_label(text: str) -> str:
    """A figure's text in the edition being built, no wider than the English it replaces (a
    Chinese character counts as two letters), so that the figure keeps its width on a phone."""
    from evidence.language import translated

    if _has_chinese(text):  # translated already, when the label was made
        return text
    width = max(_display_width(line) for line in text.split("\n"))
    return wrapped_chinese(translated(" ".join(text.split()) if "\n" in text else text), max(width, 8))


def translate_figure(figure: Figure) -> None:
    """Every text of a figure (titles, labels, ticks, legends, notes) in the Chinese edition's words."""
    from matplotlib.text import Text
    from matplotlib.ticker import Formatter

    class TranslatedTicks(Formatter):
        """Tick labels are written when the figure is drawn: translate them then."""

        def __init__(self, inner: Formatter):
            self.inner = inner

        def __call__(self, x, pos=None):
            return _translated_label(self.inner(x, pos))

        def set_locs(self, locs):
            self.inner.set_locs(locs)

        def get_offset(self):
            return self.inner.get_offset()

    for axes in figure.axes:
        for axis in (axes.xaxis, axes.yaxis):
            axis.set_major_formatter(TranslatedTicks(axis.get_major_formatter()))
            axis.set_minor_formatter(TranslatedTicks(axis.get_minor_formatter()))
    for text in figure.findobj(Text):
        if text.get_text():
            text.set_text(_translated_label(text.get_text()))


def label_above(axes, y: float, text: str, **text_style) -> None:
    """Write a row's label above the row, from the left edge of the plot, instead of a y tick
    label beside it: the row then gets the whole width of a phone."""
    axes.annotate(text, xy=(0, y), xycoords=("axes fraction", "data"), xytext=(0, 5), textcoords="offset points",
                  ha="left", va="bottom", **text_style)


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

    Each row's label (and its annotation, for example the estimate and the certainty of
    evidence) is written above its interval, so the interval gets the whole width of a phone;
    ``favours`` labels the two sides of the reference line.
    """
    rows = len(labels)
    notes = annotations if annotations is not None else [""] * rows
    texts = [wrapped(f"{label} · {note}" if note else label, 40) for label, note in zip(labels, notes)]
    # The y axis is in inches: each row takes its interval plus its label's lines (12-pt lines
    # are about 0.2 inch apart), so that no label runs into the row above.
    pitches = [0.3 + 0.2 * (text.count("\n") + 1) for text in texts]
    positions, top = [], 0.0
    for pitch in pitches:
        top -= pitch
        positions.append(top)
    headroom = 0.4 if favours is not None else 0.1
    figure, axes = plt.subplots(figsize=(FIGURE_WIDTH, -top + headroom + 1.1))
    for y, text, estimate, low, high in zip(positions, texts, estimates, lows, highs):
        axes.plot([low, high], [y, y], color=OKABE_ITO["black"], linewidth=1.4)
        axes.plot([estimate], [y], marker="s", markersize=7, color=OKABE_ITO["blue"])
        label_above(axes, y, text)
    axes.axvline(reference, color=OKABE_ITO["grey"], linestyle="--", linewidth=1)
    axes.set_yticks([])
    axes.set_ylim(top - 0.2, headroom)
    axes.spines["left"].set_visible(False)
    if log_scale:
        axes.set_xscale("log")
        span = (min(lows), max(highs))
        ticks = [t for t in (0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10) if span[0] / 1.5 <= t <= span[1] * 1.5]
        axes.set_xticks(ticks, [f"{t:g}" for t in ticks])
        axes.minorticks_off()
    axes.set_xlabel(wrapped(xlabel))
    axes.grid(axis="y", visible=False)
    if favours is not None:
        for x_fraction, text, align in ((0.0, f"← favours {favours[0]}", "left"), (1.0, f"favours {favours[1]} →", "right")):
            axes.annotate(
                wrapped(text, 20), xy=(x_fraction, 1.0), xycoords="axes fraction", xytext=(0, 4), textcoords="offset points",
                ha=align, va="bottom", color=OKABE_ITO["grey"],
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

