"""The validator reports each broken rule with file, row, column, rule and value."""

import shutil
import subprocess
import sys

import pytest

from evidence.validate import validate_package
from conftest import FIXTURES


def run(data_dir):
    violations, _ = validate_package(data_dir / "datapackage.json", data_dir.parent / "references.bib")
    return [str(v) for v in violations]


def test_good_fixture_has_no_violation(fixture_package):
    assert run(fixture_package) == []


# One bad-input fixture per rule, and the exact message a reader gets.
BAD_INPUTS = {
    "type": "data/trials.csv, row 1 (line 2), column 'events': rule 'type' broken: must be of type integer (value: 'ten')",
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
