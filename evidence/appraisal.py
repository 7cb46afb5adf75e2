"""Appraise each source article as a whole, and each study the chapters rest on.

Articles (issue 13, section 2): who published it, where and when, whether the publisher
promotes the therapy (``data/article_appraisal.csv``); the ten HealthNewsReview.org criteria
(``data/article_criteria.csv``); the words of hype it uses (``data/hype_terms.csv`` lists the words),
counted in the article's own text; and the share of its
claims by the audit's verdict. :func:`scorecard` gathers all four for an article's page.

The articles are quoted, not copied, so a reader's copy of the book (the workshop kit) does not
have them: the counts are kept in ``data/hype_counts.csv`` and ``data/article_lengths.csv``,
which :func:`counts_from_articles` writes from the article files. ``make validate`` counts again
whenever the articles are present and fails on any difference (in CI they must be present).

Studies (section 3): risk of bias domain by domain (``data/study_appraisal.csv``) and a GRADE
certainty for each chapter's key question (``data/grade_summary.csv``).

Every string from data is shown as text: tables go through :func:`evidence.report.show_table`,
and the sentences built here pass each data string through :func:`_as_text`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
from IPython.display import Markdown

from evidence import paths
from evidence.audit.vocabulary import VERDICTS
from evidence.data import load_table, resource
from evidence.escape import markdown_text
from evidence.language import chinese, translated
from evidence.report import Table, show_table

def _enum(table: str, column: str) -> tuple[str, ...]:
    """A field's allowed values, in the order data/datapackage.json lists them."""
    field = next(f for f in resource(table)["schema"]["fields"] if f["name"] == column)
    return tuple(field["constraints"]["enum"])


def criteria() -> tuple[str, ...]:
    """The ten HealthNewsReview.org criteria, in their usual order."""
    return _enum("article_criteria", "criterion")


def ratings() -> tuple[str, ...]:
    """Media Doctor's ratings: satisfactory, not satisfactory, not applicable."""
    return _enum("article_criteria", "rating")


# --- Articles -------------------------------------------------------------------------

def read_article(article: str) -> str:
    """The full text of a source article (kept outside the repository: we quote, not copy)."""
    path = paths.SOURCE_ARTICLES_DIR / article
    if not path.is_file():
        raise FileNotFoundError(
            f"source article {article!r} not found in {paths.SOURCE_ARTICLES_DIR}; the hype-word "
            "counts are computed from the article files, which live beside the repository"
        )
    return path.read_text(encoding="utf-8")


def _forms(row: pd.Series) -> list[str]:
    """A term's simplified and traditional forms, each once."""
    return list(dict.fromkeys([row["term"], *str(row["term_traditional"]).split(";")]))


def count_term(text: str, form: str, not_inside: list[str]) -> int:
    """Non-overlapping occurrences of ``form`` in ``text``, leaving out those inside ``not_inside`` words."""
    return text.count(form) - sum(text.count(longer) for longer in not_inside if form in longer)


def hype_counts(text: str, terms: pd.DataFrame | None = None) -> pd.DataFrame:
    """How often each hype term (simplified or traditional form) occurs in ``text``.

    Counts are raw: a word inside a warning ("not a miracle") is counted too.
    """
    terms = load_table("hype_terms") if terms is None else terms
    rows = []
    for _, term in terms.iterrows():
        not_inside = [] if pd.isna(term["not_counted_inside"]) else str(term["not_counted_inside"]).split(";")
        count = sum(count_term(text, form, not_inside) for form in _forms(term))
        rows.append({"term": term["term"], "term_traditional": term["term_traditional"],
                     "gloss": term["gloss"], "count": count})
    return pd.DataFrame(rows, columns=["term", "term_traditional", "gloss", "count"])


def characters(text: str) -> int:
    """Characters of a text, not counting spaces and line breaks (Chinese has no word spaces)."""
    return len("".join(text.split()))


def counts_from_articles(articles: list[str] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Hype-word counts (article, term, count) and lengths (article, characters), from the files."""
    articles = list(load_table("source_articles")["article"]) if articles is None else articles
    counts, lengths = [], []
    for article in articles:
        text = read_article(article)
        counted = hype_counts(text)
        counts += [{"article": article, "term": r.term, "count": int(r.count)} for r in counted.itertuples()]
        lengths.append({"article": article, "characters": characters(text)})
    return pd.DataFrame(counts), pd.DataFrame(lengths)


def write_counts() -> None:
    """Write data/hype_counts.csv and data/article_lengths.csv from the article files."""
    counts, lengths = counts_from_articles()
    counts.to_csv(paths.DATA_DIR / "hype_counts.csv", index=False, lineterminator="\n")
    lengths.to_csv(paths.DATA_DIR / "article_lengths.csv", index=False, lineterminator="\n")


def stored_counts(article: str) -> tuple[pd.DataFrame, int]:
    """An article's hype-word counts (as ``hype_counts`` gives them) and its length, from data/."""
    terms = load_table("hype_terms")
    stored = load_table("hype_counts")
    mine = stored[stored["article"] == article].set_index("term")["count"]
    counts = terms[["term", "term_traditional", "gloss"]].copy()
    counts["count"] = [int(mine.get(term, 0)) for term in counts["term"]]
    size = int(load_table("article_lengths").set_index("article").loc[article, "characters"])
    return counts, size


def criteria_scores(rated: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per article: how many criteria it meets, fails and how many do not apply.

    ``score`` is the share of applicable criteria rated satisfactory, as Media Doctor reported it.
    """
    rated = load_table("article_criteria") if rated is None else rated
    counts = pd.crosstab(rated["article"], rated["rating"]).reindex(columns=list(ratings()), fill_value=0)
    counts = counts.astype(int)
    counts["applicable"] = counts["satisfactory"] + counts["not satisfactory"]
    counts["score"] = counts["satisfactory"] / counts["applicable"]
    return counts.rename_axis(columns=None).reset_index()


def verdict_shares(audited: pd.DataFrame, article: str) -> pd.DataFrame:
    """An article's claims per verdict (every verdict the audit returned, in VERDICTS order)."""
    verdicts = audited.loc[audited["article"] == article, "verdict"]
    counts = verdicts.value_counts()
    order = [v for v in VERDICTS if v in counts.index] + sorted(set(counts.index) - set(VERDICTS))
    frame = pd.DataFrame({"verdict": order, "claims": [int(counts[v]) for v in order]})
    frame["share"] = frame["claims"] / len(verdicts) if len(verdicts) else 0.0
    return frame


@dataclass(frozen=True)
class Scorecard:
    """Everything an article's page shows, ready to display."""

    about: Markdown
    criteria: Table
    score: Markdown
    hype: Table
    hype_summary: Markdown
    verdicts: Table
    verdict_summary: Markdown


def _about_markdown(row: pd.Series) -> str:
    title = row["title_zh"] if not pd.isna(row["title_zh"]) else translated("(no title line in the text)")
    if not chinese():  # the Chinese edition shows the title as it is, without a translation
        title = f"{title} ({row['title_en']})"
    date = row["date_published"] if not pd.isna(row["date_published"]) else "no date printed in the article"

    def line(label: str, value: str) -> str:
        return f"- **{translated(label)}** {markdown_text(translated(value))}"

    lines = [line("Title:", title), line("Published by:", row["publisher"]),
             line("Where:", row["outlet_or_platform"]), line("When:", date)]
    question = translated("Does the publisher promote the therapy it writes about?")
    if row["promotes_therapy"] == "yes":
        answer = translated("Yes. In the article's own words:")
        lines.append(f"- **{question}** {answer} 「{markdown_text(row['promotion_quote'])}」")
    else:
        lines.append(f"- **{question}** {translated('No sign of it in the text.')}")
    lines.append(line("Note:", row["note"]))
    return "\n".join(lines)


def scorecard(article: str, audited: pd.DataFrame) -> Scorecard:
    """The scorecard of one source article (``audited`` is evidence.audit.audit()'s result)."""
    about = load_table("article_appraisal").set_index("article").loc[article]
    rated = load_table("article_criteria")
    mine = rated[rated["article"] == article].copy()
    mine["order"] = mine["criterion"].map(criteria().index)
    mine = mine.sort_values("order")
    criteria_table = show_table(mine[["criterion", "rating", "justification", "quote"]].rename(columns={
        "justification": "why", "quote": "the article's words"}),
        caption="The ten HealthNewsReview.org criteria, as rated for this article, with the words each rating rests on.")
    score = criteria_scores(rated).set_index("article").loc[article]
    met, applicable, not_applicable = (int(score[c]) for c in ("satisfactory", "applicable", "not applicable"))
    score_text = (f"The article meets **{met} of the {applicable}** criteria that apply to it"
                  + (f" ({not_applicable} did not apply)." if not_applicable else "."))

    counts, size = stored_counts(article)
    used = counts[counts["count"] > 0].sort_values("count", ascending=False, kind="stable")
    hype_table = show_table(used.rename(columns={"term_traditional": "traditional form"}),
                            caption="Words of hype in the article, counted in its own text.")
    total = int(used["count"].sum())
    hype_text = (f"{total} uses of these words in {size:,} characters, or {1000 * total / size:.1f} per 1,000 "
                 "characters. The counts are raw: a word inside a warning or a paper's title counts too.")

    shares = verdict_shares(audited, article)
    verdicts_table = show_table(shares, caption="The article's numeric claims by the audit's verdict.", share="{:.0%}")
    verdict_text = f"{int(shares['claims'].sum())} numeric claims from this article are in the book's audit."
    return Scorecard(Markdown(_about_markdown(about)), criteria_table, Markdown(translated(score_text)), hype_table,
                     Markdown(translated(hype_text)), verdicts_table, Markdown(translated(verdict_text)))


def articles_overview(audited: pd.DataFrame) -> Table:
    """All five articles side by side: publisher, promotion, criteria met, hype density, claims."""
    about = load_table("article_appraisal")
    scores = criteria_scores().set_index("article")
    rows = []
    for _, row in about.iterrows():
        counts, size = stored_counts(row["article"])
        hype = int(counts["count"].sum())
        score = scores.loc[row["article"]]
        rows.append({
            "article": row["title_en"],
            "publisher": row["publisher"],
            "promotes the therapy": row["promotes_therapy"],
            "criteria met": f"{int(score['satisfactory'])} of {int(score['applicable'])}",
            "hype words per 1,000 characters": 1000 * hype / size,
            "claims audited": int((audited["article"] == row["article"]).sum()),
        })
    return show_table(pd.DataFrame(rows), caption="The five source articles side by side.",
                      **{"hype words per 1,000 characters": "{:.1f}"})


def criteria_guide() -> Table:
    """The ten criteria, each with the question HealthNewsReview.org asked (from the data package)."""
    field = next(f for f in resource("article_criteria")["schema"]["fields"] if f["name"] == "criterion")
    questions = field["x-questions"]
    return show_table(pd.DataFrame({"criterion": list(criteria()), "question": [questions[c] for c in criteria()]}),
                      caption="The ten criteria of HealthNewsReview.org and the question each asks.")


# --- Studies ----------------------------------------------------------------------------

ROB_DOMAINS = {
    "randomisation": "Randomisation",
    "confounding": "Confounding",
    "selection_of_participants": "Selection of participants",
    "classification_of_interventions": "Classification of interventions",
    "deviations_from_intended_interventions": "Deviations from intended interventions",
    "missing_outcome_data": "Missing outcome data",
    "measurement_of_outcome": "Measurement of the outcome",
    "selection_of_reported_result": "Selection of the reported result",
    "overall": "Overall",
}
# Symbols as robvis draws them, so that the table reads without colour; Okabe-Ito colours.
JUDGEMENT_STYLE = {
    "low": ("+", "#009E73"),
    "some concerns": ("–", "#F0E442"),
    "moderate": ("–", "#F0E442"),
    "high": ("×", "#D55E00"),
    "serious": ("×", "#D55E00"),
    "critical": ("!", "#882255"),
    "no information": ("?", "#BBBBBB"),
    "not applicable": ("", "#FFFFFF"),
}
# How far each ROBINS-I and RoB 2 judgement is from 'low' (for the overall-judgement rule).
ROBINS_I_ORDER = ("low", "moderate", "serious", "critical")
GRADE_LEVELS = ("very low", "low", "moderate", "high")
RATING_DOWN = {"not serious": 0, "not assessed": 0, "serious": 1, "very serious": 2}
GRADE_DOMAINS = ("risk_of_bias", "inconsistency", "indirectness", "imprecision", "publication_bias")


def study_label(key: str) -> str:
    """'xiao2019' -> 'Xiao 2019' (the bibliography key's author and year)."""
    match = re.fullmatch(r"([a-z]+)(\d{4})([a-z]*)", key)
    return f"{match.group(1).capitalize()} {match.group(2)}" if match else key


def rob2_overall(domains: list[str]) -> str:
    """RoB 2's rule: high if any domain is high, low if all are low, some concerns otherwise.

    A domain that could not be judged ('no information') cannot count as low.
    """
    if "high" in domains:
        return "high"
    return "low" if all(d == "low" for d in domains) else "some concerns"


def robins_i_least_overall(domains: list[str]) -> str:
    """ROBINS-I's floor: the overall judgement is at least as severe as the worst judged domain."""
    judged = [ROBINS_I_ORDER.index(d) for d in domains if d in ROBINS_I_ORDER]
    return ROBINS_I_ORDER[max(judged, default=0)]


def certainty_after(start: str, ratings: list[str]) -> str:
    """GRADE: one level down per 'serious', two per 'very serious', never below very low."""
    level = GRADE_LEVELS.index(start) - sum(RATING_DOWN[r] for r in ratings)
    return GRADE_LEVELS[max(level, 0)]


def risk_of_bias_figure(studies: pd.DataFrame | None = None):
    """The traffic-light table: one row per appraised study, one column per domain.

    Each cell carries a symbol as well as a colour (+ low, – some concerns or moderate,
    × high or serious, ! critical, ? no information; blank where the domain does not apply).
    Columns are numbered D1, D2, … to fit a phone; a key under the table names them.
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Circle

    from evidence.style import FIGURE_WIDTH, wrapped

    studies = load_table("study_appraisal") if studies is None else studies
    rated = studies[~studies["tool"].str.startswith("none")].reset_index(drop=True)
    columns = list(ROB_DOMAINS)
    short = [f"D{i}" for i in range(1, len(columns))] + ["All"]
    key = "; ".join(f"{code} {ROB_DOMAINS[c].lower()}" for code, c in zip(short, columns[:-1])) + "; All overall."
    symbols = ("+ low; – some concerns (RoB 2) or moderate (ROBINS-I); × high or serious; "
               "! critical; ? no information; blank: not part of that tool.")
    # Square cells: the width left after the study names (two lines each), shared by the columns.
    cell = (FIGURE_WIDTH - 1.2) / len(columns)
    figure, axes = plt.subplots(figsize=(FIGURE_WIDTH, 0.6 + cell * (len(rated) + 0.4)))
    for row, study in rated.iterrows():
        for column, domain in enumerate(columns):
            symbol, colour = JUDGEMENT_STYLE[study[domain]]
            if study[domain] == "not applicable":
                continue
            axes.add_patch(Circle((column, row), 0.36, facecolor=colour, edgecolor="#444444", linewidth=0.6))
            axes.text(column, row, symbol, ha="center", va="center", fontsize=12, fontweight="bold")
    axes.set_xlim(-0.5, len(columns) - 0.5)
    axes.set_ylim(len(rated) - 0.5, -0.5)
    axes.set_aspect("equal")
    axes.xaxis.tick_top()
    axes.set_xticks(range(len(columns)), short)
    axes.set_yticks(range(len(rated)), [f"{study_label(k)}\n{t}"
                                        for k, t in zip(rated["study"], rated["tool"])])
    axes.tick_params(length=0)
    axes.grid(False)
    for spine in axes.spines.values():
        spine.set_visible(False)
    figure.tight_layout()
    # The key starts at the figure's left edge, under the study names, and runs the full width.
    figure.text(0.01, 0.0, wrapped(key, 44) + "\n\n" + wrapped(symbols, 44), ha="left", va="top")
    return figure


def risk_of_bias_table(studies: pd.DataFrame | None = None,
                       caption: str = "Each study's design in its own words, the tool used and the overall risk of bias, with the reasons.") -> Table:
    """The same judgements in words, with the design, the endpoints and the reasons."""
    studies = load_table("study_appraisal") if studies is None else studies
    shown = pd.DataFrame({
        "study": studies["study"].map(study_label),
        "design (the paper's own words)": studies["design"],
        "labelled elsewhere as": studies["design_as_labelled_elsewhere"],
        "tool": studies["tool"],
        "overall": studies["overall"],
        "why": studies["judgement_basis"],
    })
    return show_table(shown, caption=caption)


def endpoints_table(studies: pd.DataFrame | None = None,
                    caption: str = "Endpoints that matter to patients and surrogate endpoints, study by study, and publication bias.") -> Table:
    """Which endpoints matter to patients and which are surrogates, and publication bias."""
    studies = load_table("study_appraisal") if studies is None else studies
    titles = load_table("source_articles").set_index("source")["title_en"]

    def article_titles(keys) -> str:
        return "" if pd.isna(keys) else "; ".join(titles[k] for k in keys.split(";"))

    shown = pd.DataFrame({
        "study": studies["study"].map(study_label),
        "endpoints that matter to patients": studies["patient_important_endpoints"],
        "surrogate endpoints": studies["surrogate_endpoints"],
        "articles that present a surrogate as a benefit": studies["surrogate_presented_as_benefit"].map(article_titles),
        "publication bias": studies["publication_bias"],
        "where read": studies["location"],
    })
    return show_table(shown, caption=caption)


def grade_table(grade: pd.DataFrame | None = None,
                caption: str = "The certainty of the evidence for each chapter's key question (GRADE), with each reason for rating down.") -> Table:
    """The GRADE summary: the question, where the certainty starts, each reason for rating down."""
    grade = load_table("grade_summary") if grade is None else grade
    shown = pd.DataFrame({
        "question": grade["question"],
        "outcome": grade["outcome"],
        "studies": grade["studies"].map(lambda keys: ", ".join(study_label(k) for k in keys.split(";"))),
        "starts at": grade["starting_certainty"],
    })
    for domain in GRADE_DOMAINS:
        shown[domain.replace("_", " ")] = grade[domain] + ": " + grade[domain + "_reason"]
    shown["certainty"] = grade["final_certainty"]
    return show_table(shown, caption=caption)


def chapter_evidence(chapter: str) -> tuple[Table, Table]:
    """A chapter's 'how good is the evidence' tables: the risk of bias of the studies its key
    question rests on (those appraised), and the GRADE row of that question.

    ``chapter`` is the chapter's label, e.g. ``"chapter-alss"`` (column ``chapter`` of
    ``data/grade_summary.csv``).
    """
    grade = load_table("grade_summary")
    row = grade[grade["chapter"] == chapter]
    if row.empty:
        raise ValueError(f"data/grade_summary.csv has no row for chapter {chapter!r}")
    keys = row.iloc[0]["studies"].split(";")
    studies = load_table("study_appraisal")
    rated = studies[studies["study"].isin(keys)]
    return (risk_of_bias_table(rated, caption="The studies behind this chapter: design in their own words and risk of bias."),
            grade_table(row, caption="How certain the evidence is for this chapter's key question (GRADE)."))
