"""Hand computed results to the book's pages, so that no number is typed into the prose.

A notebook computes a value, formats it once here, and the page shows it through a glue
role or directive: ``{glue:md}`name``` for text, ``{glue:figure}`` for a figure.

Text that may hold a string from data/ is shown as text, never read as HTML or MyST:
``glue_text`` and ``Table`` escape it (evidence/escape.py). Only ``glue_markdown`` passes
markup through, for markup the code itself builds (links to the audit's entries).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import hashlib
import re

import numpy as np
import pandas as pd
from pandas.api.types import is_number, is_scalar
from IPython.display import Markdown

from evidence.escape import markdown_text
from evidence.language import chinese, translated

if TYPE_CHECKING:  # pyplot takes half a second to import; pages without figures skip it
    from matplotlib.figure import Figure


def glue(name: str, value, display: bool = False) -> None:
    """myst-nb's ``glue``, which records a value for the book's pages. The workshop kit runs the
    reader's notebooks, whose text already holds every value, without myst-nb: there it does nothing."""
    try:
        from myst_nb import glue as record
    except ImportError:
        return
    record(name, value, display=display)


class GluedText:
    """A glued value with two forms: Markdown for ``{glue:md}`` on its own page, and plain text
    for ``{glue:text}`` on another page (the landing page pastes chapters' numbers this way)."""

    def __init__(self, markdown: str, plain: str):
        self.markdown, self.plain = markdown, plain

    def _repr_markdown_(self) -> str:
        return self.markdown

    def __repr__(self) -> str:
        return self.plain


def glue_text(name: str, text: str) -> None:
    """Store a piece of text for ``{glue:md}`name``` in the page, shown exactly as it is."""
    text = translated(text)
    glue(name, GluedText(markdown_text(text), text), display=False)


def glue_markdown(name: str, markdown: str) -> None:
    """Store markup built by the code (e.g. ``{ref}`` links) for ``{glue:md}`name:myst```.

    Never pass it a string from data/ unescaped: use ``glue_text`` for text.
    """
    markdown = translated(markdown)
    glue(name, GluedText(markdown, markdown), display=False)


def glue_html(name: str, html: str) -> None:
    """Store HTML the code builds (every string from data escaped there) for a ``{glue}`` directive."""
    from IPython.display import HTML
    glue(name, HTML(html), display=False)


def glue_figure(name: str, figure: Figure) -> None:
    """Store a figure for a ``{glue:figure}`` directive, without showing it twice.

    A figure whose text would be too small on a phone is refused (evidence.style).
    """
    import matplotlib.pyplot as plt

    from evidence.style import phone_text_problem

    if chinese():
        from evidence.style import translate_figure

        translate_figure(figure)
    problem = phone_text_problem(figure)
    if problem is not None:
        plt.close(figure)
        raise ValueError(f"figure {name!r} is not readable on a phone: {problem}")
    glue(name, figure, display=False)
    plt.close(figure)


class Table:
    """A table for the page, printed as a journal prints one, whose HTML and plain-text forms
    are deterministic.

    Every table has a number and a caption (``Table 3. …``, numbered in the order a notebook
    makes them). Cells are printed for readers, whatever the frame holds: ``yes``/``no`` for
    booleans, no scientific notation, no trailing zeros unless a column's format asks for
    them, ``—`` for a missing value, ``;``-joined numbers as a list, and citation keys as
    author–year. A pandas Styler would print its memory address as plain text and a random
    id in its HTML; both would change at every run and break nbval and byte-identical builds.
    """

    shown_so_far = 0  # tables made in this kernel: the next one's number

    def __init__(self, frame: pd.DataFrame, formats: dict[str, str], caption: str = ""):
        self.frame = frame
        self.formats = formats
        self.caption = caption
        self.number = Table.take_number()

    @classmethod
    def take_number(cls) -> int:
        """The next table number, for a table a page builds by hand (e.g. one whose cells are links)."""
        cls.shown_so_far += 1
        return cls.shown_so_far

    def _cells(self) -> pd.DataFrame:
        """Every cell as the text a reader sees (formats applied), before HTML escaping."""
        shown = self.frame.copy()
        if chinese():  # the Chinese edition shows the quotes as they are, without English translations
            shown = shown.drop(columns=[c for c in shown.columns if c in QUOTE_TRANSLATION_COLUMNS])
        for column in shown.columns:
            pattern = self.formats.get(column)
            shown[column] = shown[column].map(lambda v, p=pattern: translated(_cell_text(v, p)))
        return shown

    @property
    def title(self) -> str:
        return translated(f"Table {self.number}. {self.caption}".strip() if self.caption else f"Table {self.number}.")

    def _repr_html_(self) -> str:
        from evidence.escape import html_text

        shown = self._cells().rename(columns=readable_column)
        table_id = hashlib.sha256((self.title + shown.to_csv()).encode("utf-8")).hexdigest()[:10]
        # Every cell, column name and the caption are text, never markup: escaped here.
        styler = (
            shown.style.hide(axis="index")
            .format(escape="html")
            .format_index(escape="html", axis="columns")
            .set_uuid(table_id)
            .set_caption(html_text(self.title))
        )
        html = styler.set_table_attributes('class="dataframe evidence-table"').to_html()
        # A wide table scrolls inside its own box, which a keyboard can reach and a screen reader names.
        return (f'<div class="table-scroll" role="region" tabindex="0" aria-label="{html_text(self.title)}">'
                f"{html}</div>")

    def __repr__(self) -> str:
        return f"{self.title}\n{self._cells().rename(columns=readable_column).to_string(index=False)}"


# Column names as code writes them, and as a journal prints them (in words, with units).
# Every table applies this, so every chapter names the same column the same way.
COLUMN_WORDS = {
    "claim_id": "Claim", "claim": "Claim", "quote": "Quote (Chinese)", "translation": "Translation",
    "values": "Numbers in the claim", "unit": "Unit", "quantity": "Kind of number", "section": "Section of the article",
    "cited_source": "Source the article cites", "evidence_level": "Evidence level", "note": "Note",
    "source": "Source", "location": "Where in the source", "population": "Population", "outcome": "Outcome",
    "measure": "Measure", "arm": "Arm", "patients": "Patients (n)", "survivors": "Survivors (n)",
    "timepoint": "Time point", "timepoint_days": "Day", "timepoint_weeks": "Week", "timepoint_months": "Month",
    "day": "Day", "n": "n", "count": "Count", "percent": "Share (%)", "share": "Share",
    "survivors_percent": "Alive (%)", "km_survival_percent": "Kaplan–Meier survival, as printed (%)",
    "wilson_low": "95% CI, lower (%)", "wilson_high": "95% CI, upper (%)",
    "ci_low": "95% CI, lower", "ci_high": "95% CI, upper", "cri_low": "95% CrI, lower", "cri_high": "95% CrI, upper",
    "risk_ratio_death": "Risk ratio of death", "direct_trials": "Trials comparing directly (n)",
    "hazard_ratio": "Hazard ratio", "p_value": "p", "comparison_p_value": "p (as printed)",
    "reported_percent": "As printed (%)", "printed_n": "n (as printed)", "baseline_mean": "Baseline, mean",
    "followup_mean": "Follow-up, mean", "change_mean": "Change, mean (as printed)",
    "aclf_grade": "ACLF grade", "aclf_definition": "ACLF definition", "gradable_patients": "Gradable patients (n)",
    "registry_period": "Registry period", "with_precipitant_percent": "Precipitant identified (%)",
    "infection_or_severe_ah_percent": "Of those, infection or severe alcoholic hepatitis (%)",
    "design_as_printed": "Design (as the review prints it)", "msc_patients": "Stem-cell arm (n)",
    "control_patients": "Control arm (n)", "total_patients_as_printed": "Total (n, as printed)",
    "cell_type": "Cell type", "route_as_printed": "Route (as printed)", "cause": "Cause of liver failure",
    "meta_analysis": "Meta-analysis", "direction_as_reported": "Direction (as the article reports it)",
    "mean_percent": "Mean (%)", "sd_percent": "SD (%)", "n_counts": "n", "of_patients": "Of patients (n)",
    "time_value": "Time", "time_unit": "Time unit", "time_note": "Note on time", "follow_up": "Follow-up",
    "primary_check": "Checked against a primary source", "cell_en": "Cell (English)", "cell_zh": "Cell (Chinese)",
    "verdict": "Verdict", "audit verdict": "Verdict", "audit reason": "Reason",
}


# Columns that hold English translations of the articles' quotes, which only the English edition shows.
QUOTE_TRANSLATION_COLUMNS = ("translation", "Translation")


def readable_column(name: str) -> str:
    """A column name in words: from COLUMN_WORDS, else the name with its first letter capitalised."""
    words = COLUMN_WORDS.get(name, name.replace("_", " ").strip())
    return translated(words[:1].upper() + words[1:])


NUMBER_OR_INTERVAL = re.compile(r"-?\d[\d.,]*%?( \(-?\d[\d.,]*%? to -?\d[\d.,]*%?\))?")
NUMBER_LIST = re.compile(r"^-?\d+(\.\d+)?(;-?\d+(\.\d+)?)+$")


def _cell_text(value, pattern: str | None) -> str:
    """One cell as printed: the column's format if it has one, else the plainest faithful text."""
    if isinstance(value, bool) or isinstance(value, np.bool_):
        return "yes" if value else "no"
    if _is_missing(value):
        return "—"
    if pattern and is_number(value):
        return pattern.format(value).replace("-", "−")
    if isinstance(value, (int, np.integer)):
        return str(value).replace("-", "−")
    if isinstance(value, (float, np.floating)):
        if float(value).is_integer():
            return str(int(value)).replace("-", "−")
        return np.format_float_positional(float(value), precision=4, fractional=False, trim="-").replace("-", "−")
    text = str(value)
    if NUMBER_LIST.match(text):
        return ", ".join(text.split(";"))
    if NUMBER_OR_INTERVAL.fullmatch(text):
        return text.replace("-", "−")  # a true minus sign in "6.5 (-1.1 to 13.9)"
    return _citation_text(text)


def _citation_text(text: str) -> str:
    """'xiao2019' → 'Xiao et al. 2019'; any other text is left as it is."""
    from evidence.audit.expressions import bibliography_keys, source_name

    keys = text.split(";")
    if not all(key in bibliography_keys() for key in keys):
        return text
    articles = _article_titles()
    return "; ".join(articles.get(key) or source_name(key) for key in keys)


def _article_titles() -> dict[str, str]:
    """The five source articles by their plain English titles (they have no authors)."""
    from evidence.data import load_table

    articles = load_table("source_articles")
    return dict(zip(articles["source"], articles["title_en"]))


def interval_text(value: float, low: float, high: float, digits: int = 1) -> str:
    """'6.5 (−1.1 to 13.9)': an estimate and its interval as journals print them."""
    return f"{value:.{digits}f} ({low:.{digits}f} to {high:.{digits}f})".replace("-", "−")


def _is_missing(value) -> bool:
    return is_scalar(value) and pd.isna(value)


def show_table(frame: pd.DataFrame, caption: str = "", **format_by_column: str) -> Table:
    """A numbered, captioned table for the page: no index, numbers formatted per column
    (e.g. ``rr="{:.2f}"``), column names as the frame has them (name them in words, with units)."""
    return Table(frame.reset_index(drop=True), format_by_column, caption)


def format_p_value(p: float) -> str:
    """A p-value as journals print it: three decimals, or '<0.001'."""
    return "<0.001" if p < 0.001 else f"{p:.3f}"
