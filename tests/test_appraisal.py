"""The article and study appraisal: data within their vocabularies, quotes verbatim, counts right."""

import os
import re

import pandas as pd
import pytest

from evidence import appraisal, paths
from evidence.data import load_table
from evidence.validate import read_bibliography_keys

ARTICLES_PRESENT = paths.SOURCE_ARTICLES_DIR.is_dir() and any(paths.SOURCE_ARTICLES_DIR.glob("*.txt"))


def require_articles():
    """The articles live beside the repository: skip without them, except in CI, where it fails."""
    if ARTICLES_PRESENT:
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI is set but the source articles are missing from {paths.SOURCE_ARTICLES_DIR}")
    pytest.skip(f"source articles not found in {paths.SOURCE_ARTICLES_DIR} (set BOOK_SOURCE_ARTICLES)")


# --- Hype counts, against a regex count over a made-up text ---

MADE_UP = "这是突破!又一次突破性进展。治癒与治愈都算。逆转录不是逆转,但逆转是。神奇神奇神奇"
TERMS = pd.DataFrame({
    "term": ["突破", "治愈", "逆转", "神奇", "根治"],
    "term_traditional": ["突破", "治癒", "逆轉", "神奇", "根治"],
    "gloss": ["breakthrough", "cure", "reverse", "magical", "radical cure"],
    "not_counted_inside": [pd.NA, pd.NA, "逆转录;逆轉錄", pd.NA, pd.NA],
})


def test_hype_counts_match_an_independent_regex_count():
    counts = appraisal.hype_counts(MADE_UP, TERMS).set_index("term")["count"]
    assert counts["突破"] == len(re.findall("突破", MADE_UP)) == 2
    assert counts["治愈"] == len(re.findall("治[愈癒]", MADE_UP)) == 2
    # 逆转 not followed by 录: the one inside 逆转录 (reverse transcription) is not hype
    assert counts["逆转"] == len(re.findall("逆转(?!录)", MADE_UP)) == 2
    assert counts["神奇"] == 3
    assert counts["根治"] == 0


def test_a_form_written_the_same_in_both_scripts_is_counted_once():
    counts = appraisal.hype_counts("突破", TERMS.iloc[[0]]).set_index("term")["count"]
    assert counts["突破"] == 1


def test_characters_leave_out_spaces_and_line_breaks():
    assert appraisal.characters("肝 衰竭\n治疗 ") == 5


# --- Scores and verdict shares, against hand counts ---

def test_criteria_score_is_the_share_of_applicable_criteria_met():
    rated = pd.DataFrame({
        "article": ["a"] * 4 + ["b"] * 2,
        "criterion": ["costs", "harms", "novelty", "alternatives", "costs", "harms"],
        "rating": ["satisfactory", "not satisfactory", "not applicable", "satisfactory",
                   "not satisfactory", "not satisfactory"],
    })
    scores = appraisal.criteria_scores(rated).set_index("article")
    assert scores.loc["a", "applicable"] == 3 and scores.loc["a", "satisfactory"] == 2
    assert scores.loc["a", "score"] == pytest.approx(2 / 3)
    assert scores.loc["b", "score"] == 0


def test_verdict_shares_follow_the_verdict_order_and_add_up():
    from evidence.audit.vocabulary import VERDICTS

    audited = pd.DataFrame({"article": ["x", "x", "x", "y"],
                            "verdict": [VERDICTS[-1], VERDICTS[0], VERDICTS[-1], VERDICTS[0]]})
    shares = appraisal.verdict_shares(audited, "x")
    assert list(shares["verdict"]) == [VERDICTS[0], VERDICTS[-1]]
    assert list(shares["claims"]) == [1, 2]
    assert shares["share"].sum() == pytest.approx(1)


# --- Escaping: a data string stays text ---

def test_the_scorecard_escapes_every_data_string(monkeypatch):
    require_articles()
    payload = "<script>alert(1)</script>"
    real_load = appraisal.load_table

    def poisoned(name):
        table = real_load(name)
        if name == "article_appraisal":
            table = table.copy()
            table["publisher"] = payload
            table["note"] = "*" + payload
        return table

    monkeypatch.setattr(appraisal, "load_table", poisoned)
    article = real_load("article_appraisal")["article"].iloc[0]
    audited = pd.DataFrame({"article": [article], "verdict": ["x"]})
    card = appraisal.scorecard(article, audited)
    assert payload not in card.about.data
    assert "Published by:** \\<script\\>alert\\(1\\)\\<\\/script\\>" in card.about.data
    # the tables hand data to show_table as plain strings (report.Table escapes them as HTML)
    assert all(isinstance(v, str) for v in card.criteria.frame["the article's words"])


# --- The data: vocabularies, verbatim quotes, keys ---

def test_every_article_has_one_row_and_all_ten_criteria():
    articles = set(load_table("source_articles")["article"])
    about = load_table("article_appraisal")
    assert set(about["article"]) == articles
    rated = load_table("article_criteria")
    assert rated.groupby("article")["criterion"].nunique().to_dict() == {a: 10 for a in articles}
    assert len(appraisal.criteria()) == 10


def test_ratings_are_in_media_doctors_vocabulary():
    assert set(load_table("article_criteria")["rating"]) <= {"satisfactory", "not satisfactory", "not applicable"}


def test_a_promoting_publisher_is_shown_in_the_articles_own_words():
    about = load_table("article_appraisal")
    promotes = about["promotes_therapy"] == "yes"
    assert about.loc[promotes, "promotion_quote"].notna().all()
    assert about.loc[~promotes, "promotion_quote"].isna().all()


def test_every_quote_is_verbatim_in_its_article():
    require_articles()
    texts = {a: appraisal.read_article(a) for a in load_table("source_articles")["article"]}
    quotes = [(r.article, "article_criteria.quote", r.quote) for r in load_table("article_criteria").itertuples()]
    for r in load_table("article_appraisal").itertuples():
        quotes += [(r.article, f"article_appraisal.{c}", getattr(r, c)) for c in ("title_zh", "promotion_quote")
                   if not pd.isna(getattr(r, c))]
    missing = [(a, where, q) for a, where, q in quotes if q not in texts[a]]
    assert not missing, f"quotes not found verbatim in their article: {missing}"


def test_hype_terms_are_counted_in_the_real_articles():
    require_articles()
    text = appraisal.read_article("liver-failure-five-advances-2025.zh.txt")
    counts = appraisal.hype_counts(text).set_index("term")["count"]
    assert counts["突破"] == text.count("突破")


def test_a_missing_article_gives_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setattr(paths, "SOURCE_ARTICLES_DIR", tmp_path)
    with pytest.raises(FileNotFoundError, match="not found in"):
        appraisal.read_article("nothing-here.zh.txt")


# --- Studies: risk of bias and GRADE ---

ROB2_DOMAINS = ["randomisation", "deviations_from_intended_interventions", "missing_outcome_data",
                "measurement_of_outcome", "selection_of_reported_result"]
ROBINS_I_DOMAINS = ["confounding", "selection_of_participants", "classification_of_interventions",
                    "deviations_from_intended_interventions", "missing_outcome_data", "measurement_of_outcome",
                    "selection_of_reported_result"]
ALL_DOMAINS = sorted(set(ROB2_DOMAINS) | set(ROBINS_I_DOMAINS))


def test_the_studies_the_chapters_rest_on_are_appraised_and_in_the_bibliography():
    studies = load_table("study_appraisal")
    keys = read_bibliography_keys(paths.BIBLIOGRAPHY)
    assert {"xiao2019", "zang2022", "ocskay2021", "lin2025", "lu2025", "belli2021", "le2019", "wu2024"} <= set(studies["study"])
    cited = set(studies["study"])
    for column in ("labelled_elsewhere_by", "surrogate_presented_as_benefit"):
        cited |= {k for cell in studies[column].dropna() for k in cell.split(";")}
    cited |= {k for cell in load_table("grade_summary")["studies"] for k in cell.split(";")}
    assert cited <= keys, f"not in references.bib: {sorted(cited - keys)}"


def test_each_tool_uses_its_own_judgements_in_its_own_domains():
    rob2 = {"low", "some concerns", "high", "no information"}
    robins = {"low", "moderate", "serious", "critical", "no information"}
    for study in load_table("study_appraisal").itertuples():
        row = study._asdict()
        if study.tool == "RoB 2":
            used, own = rob2, ROB2_DOMAINS
        elif study.tool == "ROBINS-I":
            used, own = robins, ROBINS_I_DOMAINS
        else:
            used, own = set(), []
        for domain in ALL_DOMAINS + ["overall"]:
            expected = used if domain in own + (["overall"] if own else []) else {"not applicable"}
            assert row[domain] in expected, (study.study, domain, row[domain])


def test_rob2_overall_follows_its_rule():
    assert appraisal.rob2_overall(["low"] * 5) == "low"
    assert appraisal.rob2_overall(["low", "high", "low", "some concerns", "low"]) == "high"
    assert appraisal.rob2_overall(["low", "no information", "low", "low", "low"]) == "some concerns"
    for study in load_table("study_appraisal").itertuples():
        if study.tool == "RoB 2":
            assert study.overall == appraisal.rob2_overall([getattr(study, d) for d in ROB2_DOMAINS])


def test_robins_i_overall_is_at_least_the_worst_domain():
    assert appraisal.robins_i_least_overall(["low", "serious", "moderate", "no information"]) == "serious"
    order = ["low", "moderate", "serious", "critical"]
    for study in load_table("study_appraisal").itertuples():
        if study.tool == "ROBINS-I":
            floor = appraisal.robins_i_least_overall([getattr(study, d) for d in ROBINS_I_DOMAINS])
            assert order.index(study.overall) >= order.index(floor), study.study


def test_grade_rates_down_one_level_per_serious_and_two_per_very_serious():
    assert appraisal.certainty_after("high", ["not serious"] * 5) == "high"
    assert appraisal.certainty_after("high", ["serious", "not assessed", "not serious", "not serious", "not serious"]) == "moderate"
    assert appraisal.certainty_after("high", ["serious", "very serious", "not serious", "not serious", "not serious"]) == "very low"
    assert appraisal.certainty_after("low", ["serious", "serious", "serious", "not serious", "not serious"]) == "very low"


def test_each_final_certainty_follows_from_its_ratings():
    for row in load_table("grade_summary").itertuples():
        ratings = [getattr(row, d) for d in appraisal.GRADE_DOMAINS]
        assert row.final_certainty == appraisal.certainty_after(row.starting_certainty, ratings), row.question


def test_study_labels_come_from_the_bibliography_key():
    assert appraisal.study_label("xiao2019") == "Xiao 2019"
    assert appraisal.study_label("liu2025noxa") == "Liu 2025"


def test_stored_hype_counts_are_the_counts_in_the_articles():
    require_articles()
    counts, lengths = appraisal.counts_from_articles()
    stored = load_table("hype_counts")
    assert stored.set_index(["article", "term"])["count"].sort_index().to_dict() == \
        counts.set_index(["article", "term"])["count"].sort_index().to_dict()
    assert load_table("article_lengths").set_index("article")["characters"].to_dict() == \
        lengths.set_index("article")["characters"].to_dict()


def test_scorecards_need_no_article_file(monkeypatch, tmp_path):
    """The workshop kit has no source articles: the pages read the stored counts."""
    monkeypatch.setattr(paths, "SOURCE_ARTICLES_DIR", tmp_path)
    from evidence.audit import audit

    audited = audit()
    card = appraisal.scorecard("liver-failure-five-advances-2025.zh.txt", audited)
    assert "per 1,000" in card.hype_summary.data
    assert appraisal.articles_overview(audited).frame["hype words per 1,000 characters"].gt(0).all()


def test_validate_finds_a_stored_count_that_differs_from_the_article(monkeypatch):
    require_articles()
    from evidence import validate

    real = load_table

    def changed(name):
        table = real(name)
        if name == "article_lengths":
            table = table.copy()
            table.loc[0, "characters"] += 1
        return table

    monkeypatch.setattr(appraisal, "load_table", changed)
    violations = validate.hype_count_violations(paths.SOURCE_ARTICLES_DIR)
    assert [v.file for v in violations] == ["article_lengths.csv"]
