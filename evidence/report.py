"""Hand computed results to the book's pages, so that no number is typed into the prose.

A notebook computes a value, formats it once here, and the page shows it through a glue
role or directive: ``{glue:md}`name``` for text, ``{glue:figure}`` for a figure.

Text that may hold a string from data/ is shown as text, never read as HTML or MyST:
``glue_text`` and ``Table`` escape it (evidence/escape.py). Only ``glue_markdown`` passes
markup through, for markup the code itself builds (links to the audit's entries).
"""

from __future__ import annotations

import hashlib

import matplotlib.pyplot as plt
import pandas as pd
from pandas.api.types import is_number, is_scalar
from IPython.display import Markdown
from matplotlib.figure import Figure

from evidence.escape import markdown_text


def glue_text(name: str, text: str) -> None:
    """Store a piece of text for ``{glue:md}`name``` in the page, shown exactly as it is."""
    glue_markdown(name, markdown_text(text))


def glue_markdown(name: str, markdown: str) -> None:
    """Store markup built by the code (e.g. ``{ref}`` links) for ``{glue:md}`name:myst```.

    Never pass it a string from data/ unescaped: use ``glue_text`` for text.
    """
    from myst_nb import glue

    glue(name, Markdown(markdown), display=False)


def glue_figure(name: str, figure: Figure) -> None:
    """Store a figure for a ``{glue:figure}`` directive, without showing it twice."""
    from myst_nb import glue

    glue(name, figure, display=False)
    plt.close(figure)


class Table:
    """A table for the page whose HTML and plain-text forms are deterministic.

    A pandas Styler would print its memory address as plain text and a random id in its
    HTML; both would change at every run and break nbval and byte-identical builds.
    """

    def __init__(self, frame: pd.DataFrame, formats: dict[str, str]):
        self.frame = frame
        self.formats = formats

    def _repr_html_(self) -> str:
        table_id = hashlib.sha256(self.frame.to_csv().encode("utf-8")).hexdigest()[:10]
        # Every cell and column name is text, never markup: escape="html" escapes each string
        # before a column's format (the code's own pattern, like "{:.2f}") is applied to it,
        # and a cell that is neither a number nor a string is made a string first, so that
        # it is escaped too (pandas would print it as it is).
        shown = self.frame.map(lambda v: v if isinstance(v, str) or is_number(v) or _is_missing(v) else str(v))
        styler = (
            shown.style.hide(axis="index")
            .format(self.formats, na_rep="—", escape="html")
            .format_index(escape="html", axis="columns")
            .set_uuid(table_id)
        )
        return styler.set_table_attributes('class="dataframe evidence-table"').to_html()

    def __repr__(self) -> str:
        shown = self.frame.copy()
        for column, pattern in self.formats.items():
            shown[column] = shown[column].map(lambda v, p=pattern: "—" if pd.isna(v) else p.format(v))
        return shown.to_string(index=False)


def _is_missing(value) -> bool:
    return is_scalar(value) and pd.isna(value)


def show_table(frame: pd.DataFrame, **format_by_column: str) -> Table:
    """A table for the page: no index, numbers formatted per column (e.g. ``rr="{:.2f}"``)."""
    return Table(frame.reset_index(drop=True), format_by_column)


def format_p_value(p: float) -> str:
    """A p-value as journals print it: three decimals, or '<0.001'."""
    return "<0.001" if p < 0.001 else f"{p:.3f}"
