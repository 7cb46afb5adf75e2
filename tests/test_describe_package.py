"""evidence.data.describe_package: the Datasets appendix's reading of datapackage.json."""

import json

from evidence.data import describe_constraints, describe_package


def test_fixture_table_is_described_field_by_field(fixture_package):
    (table,) = describe_package(fixture_package / "datapackage.json")
    assert (table.name, table.title, table.path) == ("trials", "trials", "trials.csv")
    # tests/fixtures/good/trials.csv: a header and the rows counted by hand.
    expected_rows = len((fixture_package / "trials.csv").read_text(encoding="utf-8").strip().splitlines()) - 1
    assert table.rows == expected_rows
    assert table.primary_key == ["trial", "arm"]
    assert table.row_rules == ["events <= n"]
    assert list(table.fields["field"]) == ["trial", "arm", "events", "n", "percent", "source"]
    rules = dict(zip(table.fields["field"], table.fields["rules"]))
    assert rules["arm"] == "required; one of: treatment, control"
    assert rules["percent"] == "≥ 0; ≤ 100; printed with 1 decimal"
    assert rules["source"] == "required; a key of book/references.bib"


def test_package_licence_applies_when_a_table_names_none(fixture_package):
    package_path = fixture_package / "datapackage.json"
    package = json.loads(package_path.read_text(encoding="utf-8"))
    package["licenses"] = [{"name": "CC-BY-4.0"}]
    package_path.write_text(json.dumps(package), encoding="utf-8")
    (table,) = describe_package(package_path)
    assert table.licenses == [{"name": "CC-BY-4.0"}]


def test_constraints_in_words():
    assert describe_constraints({"name": "x"}) == ""
    assert describe_constraints({"name": "k", "constraints": {"unique": True, "pattern": "[a-z]+"}}) == (
        "unique; matches [a-z]+")
    assert describe_constraints({"name": "p", "x-decimals": 2}) == "printed with 2 decimals"
