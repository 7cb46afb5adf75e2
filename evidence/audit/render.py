"""The audit as readers see it: the appendix entries, links to them, figures, and the CSV.

Every string from the data goes into Markdown through :func:`markdown_text`, and the CSV
is written by :func:`write_csv` only, so that each can be hardened in one place.
"""

from __future__ import annotations

import re
import sys

import pandas as pd

from evidence import paths
from evidence.escape import markdown_text, write_csv
from evidence.language import chinese, translated
from evidence.audit.checks import CheckRowError
from evidence.audit.verdicts import AUDIT_COLUMNS, audit
from evidence.audit.vocabulary import (
    CONFIRMED,
    CONSISTENT,
    CONTRADICTED,
    INCONSISTENT,
    MISCITED,
    UNVERIFIABLE,
    VERDICTS,
)

AUDIT_CSV = paths.REPO_ROOT / "_build" / "audit" / "claims_audit.csv"
# One appendix page per source article, named after the claim-id prefix.
ARTICLE_PAGES = {
    "LFR": "audit-lfr",
    "LF5": "audit-lf5",
    "SCLT": "audit-sclt",
    "T2DS": "audit-t2ds",
    "T2DH": "audit-t2dh",
}
# Okabe–Ito colours; the hatching repeats the message for readers who cannot tell colours apart.
VERDICT_STYLE = {
    CONFIRMED: {"color": "#009E73", "hatch": ""},
    CONSISTENT: {"color": "#56B4E9", "hatch": "\\\\"},
    MISCITED: {"color": "#CC79A7", "hatch": "--"},
    INCONSISTENT: {"color": "#E69F00", "hatch": "//"},
    CONTRADICTED: {"color": "#D55E00", "hatch": "xx"},
    UNVERIFIABLE: {"color": "#BBBBBB", "hatch": ".."},
}
def claim_page(claim_id: str) -> str:
    """The appendix page (a notebook in notebooks/) that lists a claim."""
    return ARTICLE_PAGES[claim_id.split("-")[0]]


def claim_anchor(claim_id: str) -> str:
    """The label of a claim's entry in the appendix (Sphinx lower-cases labels)."""
    return f"claim-{claim_id.lower()}"


def claim_link(claim_id: str) -> str:
    """A MyST link from any page to the claim's entry in the audit appendix.

    It is a ``{ref}`` to the entry's label, so Sphinx (run with -n) fails the build if the
    entry is missing. Glue it with the MyST format: ``{glue:md}`name:myst```.
    """
    if not re.fullmatch(r"(LFR|LF5|SCLT|T2DS|T2DH)-\d{3}", claim_id):
        raise ValueError(f"{claim_id!r} is not a claim id")
    return f"{{ref}}`{claim_id} <{claim_anchor(claim_id)}>`"


def verdict_label(verdict: str, unverifiable_reason: str = "") -> str:
    """'unverifiable (no-source-cited)' or 'confirmed': the verdict as every page prints it."""
    return translated(f"{verdict} ({unverifiable_reason})" if unverifiable_reason else verdict)


# sphinx-design badge colours for the verdicts; the badge's text names the verdict, so it reads without colour.
VERDICT_BADGE = {CONFIRMED: "success", CONSISTENT: "info", MISCITED: "primary", INCONSISTENT: "warning",
                 CONTRADICTED: "danger", UNVERIFIABLE: "dark"}
# The verdicts that say an article got something wrong, most serious first.
PROBLEMS = (CONTRADICTED, INCONSISTENT, MISCITED)


def verdict_badge(verdict: str, unverifiable_reason: str = "") -> str:
    """A MyST badge: colour plus the verdict in words (vocabulary only, never a string from data)."""
    if verdict not in VERDICT_BADGE:
        raise ValueError(f"{verdict!r} is not a verdict")
    return f"{{bdg-{VERDICT_BADGE[verdict]}}}`{verdict_label(verdict, unverifiable_reason)}`"


def entries_markdown(audited: pd.DataFrame) -> str:
    """The appendix entries of some claims, in ledger order, each under its own label.

    Each entry shows the quote, its translation, a verdict badge and the plain reason; the
    technical trace is behind a fold.
    """
    blocks = []
    for _, row in audited.iterrows():
        trace = translated(row["trace"] or "no check could be run on this claim")
        # The Chinese edition shows the quote as it is; only the English edition adds a translation.
        translation = "" if chinese() else f"*{markdown_text(row['translation'])}*\n\n"
        evidence = translated(f"evidence: {row['evidence_level']}")
        heading = f"{translated(row['section'])} · {evidence}"
        numbers = translated(f"Numbers in the claim: {', '.join(str(row['values']).split(';'))} ({row['unit']}).")
        blocks.append(
            f"({claim_anchor(row['claim_id'])})=\n"
            f"**{markdown_text(row['claim_id'])}** {verdict_badge(row['verdict'], row['unverifiable_reason'])}"
            f" · {markdown_text(heading)}\n\n"
            f"> {markdown_text(row['quote'])}\n\n"
            f"{translation}"
            f"{markdown_text(numbers)} {markdown_text(translated(row['reason']))}\n\n"
            f":::{{dropdown}} {translated('How it was checked')}\n{markdown_text(trace)}\n:::\n"
        )
    return "\n".join(blocks)


def problems_markdown(audited: pd.DataFrame) -> str:
    """The article's most serious problems first: contradicted, inconsistent, then miscited
    claims, each with its badge, a link to its entry and the plain reason."""
    lines = []
    for verdict in PROBLEMS:
        for _, row in audited[audited["verdict"] == verdict].iterrows():
            lines.append(f"- {claim_link(row['claim_id'])} {verdict_badge(verdict)}: "
                         f"{markdown_text(translated(row['reason']))}")
    if not lines:
        return translated("No claim of this article was found wrong, inconsistent or miscited. That does not make "
                          "it right: see how many claims could not be checked at all.")
    return "\n".join(lines)


def verdict_counts(audited: pd.DataFrame, by: str) -> pd.DataFrame:
    """Claims per verdict (columns, in VERDICTS order) for each value of ``by`` (rows)."""
    table = pd.crosstab(audited[by], audited["verdict"]).reindex(columns=list(VERDICTS), fill_value=0)
    return table.astype(int)


def verdict_counts_by_article(audited: pd.DataFrame) -> pd.DataFrame:
    """Claims per verdict for each article, named by its plain title, in the book's order."""
    from evidence.data import load_table

    articles = load_table("source_articles")
    counts = verdict_counts(audited, "article")
    present = [a for a in articles["article"] if a in counts.index]
    titles = dict(zip(articles["article"], articles["short_title"]))
    return counts.loc[present].rename(index=titles)


def _bar_labels(counts: pd.DataFrame) -> list[str]:
    from evidence.style import wrapped

    return [wrapped(translated(f"{name} ({total} claims)"), 40) for name, total in zip(counts.index, counts.sum(axis=1))]


def _bar_positions(labels: list[str]) -> list[float]:
    # One unit per bar, and half a unit more for each extra line of its label.
    positions, y = [], 0.0
    for label in labels:
        y += 0.5 * label.count("\n")
        positions.append(y)
        y += 1
    return positions


def verdict_bars(axes, counts: pd.DataFrame) -> None:
    """Horizontal stacked bars of verdict counts; hatching repeats the colour's message.

    Each row's name is written above its bar, so that the bar has the whole width of a phone.
    """
    labels = _bar_labels(counts)
    positions = _bar_positions(labels)
    left = pd.Series(0, index=counts.index)
    for verdict in VERDICTS:
        style = VERDICT_STYLE[verdict]
        axes.barh(positions, counts[verdict], left=left, height=0.42, label=verdict_label(verdict), color=style["color"],
                  hatch=style["hatch"], edgecolor="white", linewidth=0.5)
        left = left + counts[verdict]
    for y, label in zip(positions, labels):
        axes.annotate(label, xy=(0, y - 0.24), xycoords=("axes fraction", "data"), ha="left", va="bottom")
    axes.set_yticks([])
    axes.set_ylim(positions[-1] + 0.45, -0.95 - 0.5 * labels[0].count("\n"))
    axes.spines["left"].set_visible(False)
    axes.set_xlabel("claims")
    axes.grid(axis="y", visible=False)


def verdict_figure(panels: list[tuple[str | None, pd.DataFrame]]):
    """One panel of verdict bars per (title, counts), one above the other, and one legend below."""
    import matplotlib.pyplot as plt

    from evidence.style import FIGURE_WIDTH

    units = [_bar_positions(_bar_labels(counts))[-1] + 2.4 for _, counts in panels]
    figure, axes_list = plt.subplots(len(panels), 1, figsize=(FIGURE_WIDTH, 0.5 * sum(units) + 0.9), squeeze=False,
                                     gridspec_kw={"height_ratios": units})
    for axes, (title, counts) in zip(axes_list[:, 0], panels):
        verdict_bars(axes, counts)
        if title:
            axes.set_title(title, loc="left", fontweight="bold")
    handles, labels = axes_list[0, 0].get_legend_handles_labels()
    figure.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=2, handlelength=1.2,
                  columnspacing=0.8)
    figure.tight_layout()
    return figure


def main() -> int:
    """``make audit``: write the CSV; on bad input, a clear message and exit status 1."""
    try:
        result = audit()
        AUDIT_CSV.parent.mkdir(parents=True, exist_ok=True)
        write_csv(result[AUDIT_COLUMNS], AUDIT_CSV)
    except (CheckRowError, ValueError, OSError) as error:
        print(f"make audit: {error}", file=sys.stderr)
        return 1
    except Exception as error:  # noqa: BLE001 - a reader gets a message, never a traceback
        print(f"make audit: unexpected {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    counts = result["verdict"].value_counts().reindex(VERDICTS, fill_value=0)
    print(f"wrote {AUDIT_CSV}: {len(result)} claims; " + ", ".join(f"{v} {n}" for v, n in counts.items()))
    return 0


def explorer_html(audited: pd.DataFrame, page_prefix: str = "") -> str:
    """Every claim in one table for the claims explorer page: filter by article and verdict,
    search any text (numbers and Chinese words included). Every string from data is escaped;
    the filtering script is _static/claims-explorer.js, which needs no network."""
    from evidence.data import load_table
    from evidence.escape import html_text
    from evidence.report import Table

    titles = {article: translated(title) for article, title in
              zip(load_table("source_articles")["article"], load_table("source_articles")["short_title"])}
    rows = []
    for _, row in audited.iterrows():
        prefix = row["claim_id"].split("-")[0]
        link = f'{page_prefix}{ARTICLE_PAGES[prefix]}.html#{claim_anchor(row["claim_id"])}'
        verdict = verdict_label(row["verdict"], row["unverifiable_reason"])
        # The Chinese edition shows the quote as it is, without the English translation.
        translation = "" if chinese() else f"<td>{html_text(row['translation'])}</td>"
        rows.append(
            f'<tr data-article="{html_text(titles[row["article"]])}" data-verdict="{html_text(row["verdict"])}">'
            f'<td><a href="{html_text(link)}">{html_text(row["claim_id"])}</a></td>'
            f"<td>{html_text(titles[row['article']])}</td>"
            f'<td><span class="verdict-tag verdict-tag--{html_text(row["verdict"])}">{html_text(verdict)}</span></td>'
            f'<td lang="zh">{html_text(row["quote"])}</td>'
            f"{translation}"
            f"<td>{html_text(translated(row['reason']))}</td></tr>"
        )
    articles = "".join(f"<option>{html_text(t)}</option>" for t in titles.values())
    verdicts = "".join(f'<option value="{html_text(v)}">{html_text(translated(v))}</option>' for v in VERDICTS)
    words = {text: html_text(translated(text)) for text in (
        "Article", "all five", "Verdict", "all verdicts", "Search", "a number, a word, 肝移植…", "All claims",
        "{shown} of {total} claims shown", "Claim", "Quote (Chinese)", "Translation", "Reason")}
    caption = html_text(translated(f"Table {Table.take_number()}. All claims of the five articles, with their "
                                   "verdicts and reasons."))
    translation_header = "" if chinese() else f"<th>{words['Translation']}</th>"
    return (
        f'<div id="claims-explorer" class="claims-explorer" data-count="{words["{shown} of {total} claims shown"]}">'
        '<div class="claims-explorer__controls">'
        f'<label>{words["Article"]} <select data-filter="article"><option value="">{words["all five"]}</option>'
        f"{articles}</select></label>"
        f'<label>{words["Verdict"]} <select data-filter="verdict"><option value="">{words["all verdicts"]}</option>'
        f"{verdicts}</select></label>"
        f'<label>{words["Search"]} <input type="search" data-filter="text" '
        f'placeholder="{words["a number, a word, 肝移植…"]}"></label>'
        '<p class="claims-explorer__count" aria-live="polite"></p></div>'
        f'<div class="table-scroll" role="region" tabindex="0" aria-label="{words["All claims"]}">'
        f'<table class="evidence-table claims-explorer__table"><caption>{caption}</caption>'
        f"<thead><tr><th>{words['Claim']}</th><th>{words['Article']}</th><th>{words['Verdict']}</th>"
        f"<th>{words['Quote (Chinese)']}</th>{translation_header}<th>{words['Reason']}</th></tr></thead><tbody>"
        + "".join(rows) + "</tbody></table></div></div>"
    )
