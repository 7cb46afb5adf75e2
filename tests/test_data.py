"""The book's own data: valid, traceable, and quoting the source articles verbatim."""

import json

import pytest

from evidence import paths
from evidence.data import load_table
from evidence.validate import read_bibliography_keys, validate_package


def test_data_package_is_valid():
    violations, tables = validate_package()
    assert [str(v) for v in violations] == []
    assert tables


def test_every_table_names_its_sources_and_licence():
    package = json.loads(paths.DATA_PACKAGE.read_text(encoding="utf-8"))
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    for resource in package["resources"]:
        assert resource.get("sources"), resource["name"]
        assert resource["schema"].get("primaryKey"), resource["name"]


def test_every_source_article_has_a_bibliography_entry():
    keys = read_bibliography_keys(paths.BIBLIOGRAPHY)
    articles = load_table("source_articles")
    assert set(articles["source"]) <= keys


def test_loaded_columns_have_schema_types():
    survival = load_table("alss_survival")
    assert str(survival["survivors"].dtype) == "Int64"
    assert str(survival["km_survival_percent"].dtype) == "float64"


@pytest.mark.skipif(not paths.SOURCE_ARTICLES_DIR.is_dir(), reason="the source articles live outside the repository")
def test_every_quote_is_verbatim_in_its_article():
    claims = load_table("claims")
    missing = [
        row.claim_id
        for row in claims.itertuples()
        if row.quote not in (paths.SOURCE_ARTICLES_DIR / row.article).read_text(encoding="utf-8")
    ]
    assert missing == []


def test_bibliography_parses_and_every_entry_is_read():
    import pybtex.database

    entries = pybtex.database.parse_file(paths.BIBLIOGRAPHY).entries
    assert set(entries) == read_bibliography_keys(paths.BIBLIOGRAPHY)


def test_antiviral_arms_follow_the_order_of_the_articles_sentences():
    # Read the order of the drugs from the two quotes themselves, independently of the table.
    import re

    claims = load_table("claims")
    arms_quote = claims[claims["quote"].str.contains("其中TMF组", regex=False)].iloc[0]["quote"]
    survival_quote = claims[claims["quote"].str.contains("60天总生存率分别为", regex=False)].iloc[0]["quote"]
    in_arms = re.findall(r"([A-Z]{3})组", arms_quote)
    in_survival = re.findall(r"\(([A-Z]{3})组\)", survival_quote)
    arms = load_table("antiviral_arms")
    assert [in_arms[i - 1] for i in arms["arm_size_value"]] == list(arms["drug"])
    assert [in_survival[i - 1] for i in arms["survival_value"]] == list(arms["drug"])
