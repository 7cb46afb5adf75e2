"""The validator reports each broken rule with file, row, column, rule and value."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from evidence import paths
from evidence.validate import descriptor_violations, ledger_violations, validate_package
from conftest import FIXTURES


def run(data_dir):
    violations, _ = validate_package(data_dir / "datapackage.json", data_dir.parent / "references.bib")
    return [str(v) for v in violations]


def test_good_fixture_has_no_violation(fixture_package):
    assert run(fixture_package) == []


# One bad-input fixture per rule, and the exact message a reader gets.
BAD_INPUTS = {
    "type": "data/trials.csv, row 1 (line 2), column 'events': rule 'type' broken: must be of type integer, in ASCII digits as printed (no '+', leading zero or exponent) (value: 'ten')",
    "full-width-digits": "data/trials.csv, row 1 (line 2), column 'events': rule 'type' broken: must be of type integer, in ASCII digits as printed (no '+', leading zero or exponent) (value: '１０')",
    "exponent": "data/trials.csv, row 1 (line 2), column 'percent': rule 'type' broken: must be of type number, in ASCII digits as printed (no '+', leading zero or exponent) (value: '5.0e1')",
    "leading-zero": "data/trials.csv, row 1 (line 2), column 'events': rule 'type' broken: must be of type integer, in ASCII digits as printed (no '+', leading zero or exponent) (value: '010')",
    "whitespace": "data/trials.csv, row 1 (line 2), column 'events': rule 'whitespace' broken: must not start or end with spaces (value: ' 10')",
    "control-character": "data/trials.csv, row 1 (line 2), column 'source': rule 'control-character' broken: must not hold control characters such as NUL (value: 'smith2020\\x00')",
    "empty": "data/trials.csv: rule 'empty' broken: has a header but no rows (declare \"x-allow-empty\": true if that is meant)",
    "encoding": "data/trials.csv: rule 'encoding' broken: must be saved as UTF-8, but byte 0xfc at offset 88 is not UTF-8 (was it saved as Latin-1 or GB18030?)",
    "required": "data/trials.csv, row 1 (line 2), column 'trial': rule 'required' broken: must not be empty (value: '')",
    "minimum": "data/trials.csv, row 1 (line 2), column 'n': rule 'minimum' broken: must be >= 1 (value: '0')",
    "maximum": "data/trials.csv, row 1 (line 2), column 'percent': rule 'maximum' broken: must be <= 100 (value: '101.0')",
    "enum": "data/trials.csv, row 1 (line 2), column 'arm': rule 'enum' broken: must be one of ['treatment', 'control'] (value: 'placebo')",
    "decimals": "data/trials.csv, row 1 (line 2), column 'percent': rule 'decimals' broken: must be written with 1 decimal(s), as printed in the source (value: '50.00')",
    "citation": "data/trials.csv, row 1 (line 2), column 'source': rule 'citation' broken: is not a key of book/references.bib (value: 'jones1999')",
    "primary-key": "data/trials.csv, row 2 (line 3), column 'trial,arm': rule 'primaryKey' broken: duplicate key ['trial', 'arm'], first seen in row 1 (value: 'A,treatment')",
    "row-rule": "data/trials.csv, row 1 (line 2), column 'events': rule 'events <= n' broken: events = 21 but n = 20 (value: '21')",
    "header": "data/trials.csv: rule 'header' broken: columns must be exactly ['trial', 'arm', 'events', 'n', 'percent', 'source'], found ['trial', 'arm', 'deaths', 'n', 'percent', 'source']",
    "row-length": "data/trials.csv, row 1 (line 2): rule 'row-length' broken: has 5 cells, the header has 6",
}


@pytest.mark.parametrize("rule", sorted(BAD_INPUTS))
def test_bad_input_is_reported(fixture_package, rule):
    shutil.copy(FIXTURES / "bad" / f"{rule}.csv", fixture_package / "trials.csv")
    assert run(fixture_package) == [BAD_INPUTS[rule]]


def test_a_declared_empty_table_is_allowed(fixture_package):
    package = json.loads((fixture_package / "datapackage.json").read_text(encoding="utf-8"))
    package["resources"][0]["x-allow-empty"] = True
    (fixture_package / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    shutil.copy(FIXTURES / "bad" / "empty.csv", fixture_package / "trials.csv")
    assert run(fixture_package) == []


def rewrite_package(data_dir, change) -> None:
    package = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    change(package)
    (data_dir / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")


# Faults in datapackage.json itself: a message naming the file, never a traceback.
def test_invalid_json_names_the_line_and_column(fixture_package):
    (fixture_package / "datapackage.json").write_text('{"name": "fixture",\n  "resources": [}', encoding="utf-8")
    assert run(fixture_package) == [
        "data/datapackage.json: rule 'json' broken: is not valid JSON: Expecting value at line 2, column 17"
    ]


def test_a_resource_without_a_schema_is_reported(fixture_package):
    rewrite_package(fixture_package, lambda p: p["resources"][0].pop("schema"))
    assert run(fixture_package) == ["data/trials.csv: rule 'schema' broken: has no schema with fields in datapackage.json"]


def test_an_unknown_row_rule_is_reported(fixture_package):
    rewrite_package(fixture_package, lambda p: p["resources"][0]["schema"]["x-row-rules"][0].update(rule="!="))
    assert run(fixture_package) == [
        "data/trials.csv: rule 'row-rule' broken: unknown rule '!=' in x-row-rules; known: <=, <, >=, >"
    ]


def test_an_unknown_field_type_is_reported(fixture_package):
    rewrite_package(fixture_package, lambda p: p["resources"][0]["schema"]["fields"][2].update(type="count"))
    assert run(fixture_package) == [
        "data/trials.csv: rule 'field-type' broken: field 'events' has type 'count'; known types: string, integer, number, boolean"
    ]


def test_an_upper_case_extension_is_reported(fixture_package):
    (fixture_package / "trials.csv").rename(fixture_package / "trials.CSV")
    rewrite_package(fixture_package, lambda p: p["resources"][0].update(path="trials.CSV"))
    assert run(fixture_package) == [
        "data/trials.CSV: rule 'extension' broken: a table's name must end in lower-case '.csv'",
    ]


def test_undeclared_table_is_an_error(fixture_package):
    (fixture_package / "extra.csv").write_text("a\n1\n", encoding="utf-8")
    assert run(fixture_package) == [
        "data/extra.csv: rule 'declared' broken: the table is not declared in datapackage.json"
    ]


def test_missing_declared_table_is_an_error(fixture_package):
    (fixture_package / "trials.csv").unlink()
    assert run(fixture_package) == ["data/trials.csv: rule 'exists' broken: declared in datapackage.json but missing"]


def test_every_rule_in_one_table_is_reported_not_only_the_first(fixture_package):
    rows = "trial,arm,events,n,percent,source\nA,placebo,ten,0,50.0,jones1999\n"
    (fixture_package / "trials.csv").write_text(rows, encoding="utf-8")
    rules = sorted(v.split("rule '")[1].split("'")[0] for v in run(fixture_package))
    assert rules == ["citation", "enum", "minimum", "type"]


def test_command_line_exits_non_zero_and_names_the_problem():
    """`make validate` runs this module; on the real data it must succeed."""
    done = subprocess.run([sys.executable, "-m", "evidence.validate"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("OK:")


# --- The claims ledger across tables and against the source articles -----------------------

def ledger():
    _, tables = validate_package()
    return tables["claims"], tables["claim_checks"]


def test_the_real_ledger_holds_together():
    claims, checks = ledger()
    assert ledger_violations(claims, checks, paths.SOURCE_ARTICLES_DIR) == []


def test_a_check_of_a_claim_not_in_the_ledger_is_reported():
    claims, checks = ledger()
    checks = [{**checks[0], "claim_id": "LFR-999"}]
    assert [str(v) for v in ledger_violations(claims, checks, paths.SOURCE_ARTICLES_DIR)] == [
        "data/claim_checks.csv, row 1 (line 2), column 'claim_id': rule 'claim-exists' broken: "
        "names a claim that is not in data/claims.csv (value: 'LFR-999')"
    ]


def test_an_operand_pointing_to_a_missing_primary_value_is_reported():
    claims, checks = ledger()
    checks = [{**checks[0], "operands": "primary_values(no_such_value).value"}]
    assert [str(v) for v in ledger_violations(claims, checks, paths.SOURCE_ARTICLES_DIR)] == [
        "data/claim_checks.csv, row 1 (line 2), column 'operands': rule 'reference' broken: cannot be resolved: "
        "no row of primary_values has key ['no_such_value'] (value: 'primary_values(no_such_value).value')"
    ]


def test_a_value_missing_from_its_quote_is_reported():
    claims, _ = ledger()
    first = {**claims[0], "values": "40;150"}  # the quote says 40% to 50%
    assert [str(v) for v in ledger_violations([first], [], paths.SOURCE_ARTICLES_DIR)] == [
        "data/claims.csv, row 1 (line 2), column 'values': rule 'value-in-quote' broken: "
        "the value 150 is not stated in the quote (value: '40;150')"
    ]


def test_a_quote_that_is_not_verbatim_is_reported(tmp_path):
    claims, _ = ledger()
    article = tmp_path / claims[0]["article"]
    article.write_text("an article that does not hold the quote", encoding="utf-8")
    assert [v.rule for v in ledger_violations([claims[0]], [], tmp_path)] == ["verbatim"]


def test_missing_articles_fail_validation_in_ci_and_are_named_elsewhere(tmp_path):
    environment = {**os.environ, "BOOK_SOURCE_ARTICLES": str(tmp_path)}
    local = subprocess.run([sys.executable, "-m", "evidence.validate"], capture_output=True, text=True,
                           env={k: v for k, v in environment.items() if k != "CI"})
    in_ci = subprocess.run([sys.executable, "-m", "evidence.validate"], capture_output=True, text=True,
                           env={**environment, "CI": "true"})
    assert local.returncode == 0 and "could not be checked word for word" in local.stderr
    assert in_ci.returncode == 1 and "in CI every quote must be checked" in in_ci.stderr
    assert "Traceback" not in local.stderr + in_ci.stderr


def test_every_percentage_field_has_bounds():
    package = json.loads(paths.DATA_PACKAGE.read_text(encoding="utf-8"))
    unbounded = [
        f"{resource['name']}.{field['name']}"
        for resource in package["resources"] for field in resource["schema"]["fields"]
        if "percent" in field["name"] and field.get("type") == "number"
        and not {"minimum", "maximum"} <= field.get("constraints", {}).keys()
    ]
    assert unbounded == []


def test_a_percentage_above_100_is_reported_where_the_row_says_percent(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    schema = {"fields": [{"name": "key", "type": "string"}, {"name": "value", "type": "string"},
                         {"name": "unit", "type": "string"}], "x-percent-by-unit": ["value"]}
    package = {"name": "fixture", "resources": [{"name": "measures", "path": "measures.csv", "schema": schema}]}
    (data_dir / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    (data_dir / "measures.csv").write_text("key,value,unit\na,150,percent\nb,150,patients\n", encoding="utf-8")
    (tmp_path / "references.bib").write_text("", encoding="utf-8")
    assert run(data_dir) == [
        "data/measures.csv, row 1 (line 2), column 'value': rule 'percent-range' broken: "
        "a percentage must lie between 0 and 100 (value: '150')"
    ]


def test_frictionless_accepts_the_package_as_a_data_package_v2():
    """The real tool, as a reader would run it: `frictionless validate data/datapackage.json`."""
    frictionless = Path(sys.executable).parent / "frictionless"
    done = subprocess.run([str(frictionless), "validate", "--json", str(paths.DATA_PACKAGE)],
                          capture_output=True, text=True)
    report = json.loads(done.stdout)
    assert done.returncode == 0 and report["valid"], done.stdout[-2000:]
    assert len(report["tasks"]) == len(json.loads(paths.DATA_PACKAGE.read_text(encoding="utf-8"))["resources"])


def test_a_descriptor_frictionless_rejects_is_reported(fixture_package):
    rewrite_package(fixture_package, lambda p: p["resources"][0]["schema"]["fields"][0].update(type="count"))
    assert [str(v) for v in descriptor_violations(fixture_package / "datapackage.json")] == [
        "data/datapackage.json: rule 'frictionless field-error' broken: "
        "Field is not valid: field type \"count\" is not supported"
    ]
