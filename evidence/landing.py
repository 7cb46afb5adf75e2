"""The landing page's article cards: each source article by its plain title, who published it
and when, and its claims by the audit's verdict as a small bar with the counts in words.

The cards are built here as HTML (every string from data escaped) and glued by the articles
overview notebook; the landing page pastes them, so nothing on it is typed twice.
"""

from __future__ import annotations

import pandas as pd

from evidence.audit.render import ARTICLE_PAGES, VERDICT_STYLE
from evidence.audit.vocabulary import VERDICTS
from evidence.data import load_table
from evidence.escape import html_text
from evidence.language import translated


def _prefix(article: str, claims: pd.DataFrame) -> str:
    return claims.loc[claims["article"] == article, "claim_id"].iloc[0].split("-")[0]


def _bar(counts: pd.Series) -> str:
    """A stacked bar of verdict counts; the counts are also written out, so colour is never needed."""
    total = int(counts.sum())
    segments = "".join(
        f'<span class="verdict-bar__part" style="width:{100 * n / total:.2f}%;background:{VERDICT_STYLE[v]["color"]}"'
        f' title="{html_text(translated(v))}: {n}"></span>'
        for v, n in counts.items() if n
    )
    words = " · ".join(f"{html_text(translated(v))} {n}" for v, n in counts.items() if n)
    return (f'<div class="verdict-bar" role="img" aria-label="{words}">{segments}</div>'
            f'<p class="verdict-bar__counts">{words} {html_text(translated(f"(of {total} claims)"))}</p>')


def article_cards(audited: pd.DataFrame, page_prefix: str = "../notebooks/") -> str:
    """One card per source article, in the book's order, linking to its scorecard and audit pages.

    ``page_prefix`` is the path from the page that shows the cards to the notebooks' pages.
    """
    articles = load_table("source_articles")
    about = load_table("article_appraisal").set_index("article")
    claims = load_table("claims")
    cards = []
    for row in articles.itertuples():
        prefix = _prefix(row.article, claims)
        audit_page = ARTICLE_PAGES[prefix]
        counts = audited.loc[audited["article"] == row.article, "verdict"].value_counts().reindex(
            list(VERDICTS), fill_value=0)
        info = about.loc[row.article]
        date = info["date_published"] if isinstance(info["date_published"], str) and info["date_published"] else "no date printed"
        about_line = translated(f"{row.genre.capitalize()} · published by {info['publisher']} · {date}")
        cards.append(
            '<div class="article-card">'
            f'<p class="article-card__title"><a href="{page_prefix}{audit_page}.html">'
            f"{html_text(translated(row.short_title))}</a></p>"
            f'<p class="article-card__about">{html_text(about_line)}</p>'
            f"{_bar(counts)}"
            f'<p class="article-card__links"><a href="{page_prefix}{audit_page}.html">'
            f"{html_text(translated('Every claim and its verdict'))}</a> · "
            f'<a href="{page_prefix}{audit_page.replace("audit-", "article-")}.html">'
            f"{html_text(translated('Scorecard of the article'))}</a></p>"
            "</div>"
        )
    return '<div class="article-cards">' + "".join(cards) + "</div>"
