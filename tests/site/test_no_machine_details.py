"""Nothing about the machine that ran the notebooks leaks into what readers see.

The committed notebooks' outputs and every text file of the built site (_build/html) are
searched for this checkout's absolute path, home folders, the user's name as a path
component, and memory addresses as Python prints them (``<object at 0x7f...>``). Hex
digests of static files and colours such as ``#D55E00`` are not addresses and don't match.
"""

from __future__ import annotations

import getpass
import json
import re
from pathlib import Path

import pytest

from evidence import paths

SITE = paths.REPO_ROOT / "_build" / "html"
TEXT_SUFFIXES = {".html", ".js", ".json", ".svg", ".txt", ".md", ".ipynb", ".css", ".bib"}


def machine_detail_patterns() -> dict[str, re.Pattern]:
    user = getpass.getuser()
    patterns = {
        "this checkout's absolute path": re.compile(re.escape(str(paths.REPO_ROOT))),
        "a home folder": re.compile(r"(?<![\w.])/(?:root|home/[\w.-]+|Users/[\w.-]+)(?=/|\b)"),
        "a memory address": re.compile(r"\bat 0x[0-9a-fA-F]{6,}|\b0x7[fF][0-9a-fA-F]{10}\b"),
    }
    if len(user) >= 3:  # a one- or two-letter name would match ordinary URLs
        patterns["the user's name as a path component"] = re.compile(rf"/{re.escape(user)}/")
    return patterns


def findings(text: str) -> list[str]:
    found = []
    for what, pattern in machine_detail_patterns().items():
        for match in pattern.finditer(text):
            start = max(match.start() - 40, 0)
            found.append(f"{what}: …{text[start:match.end() + 40]}…")
    return found


def notebook_outputs(path: Path) -> str:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return json.dumps([cell.get("outputs", []) for cell in notebook["cells"]], ensure_ascii=False)


@pytest.mark.parametrize(
    "text",
    [
        "<pandas.io.formats.style.Styler at 0x7f3a2c1d9e50>",
        "<function f at 0x10a2b3c4d>",
        'File "/home/alice/book/notebooks/x.py", line 3',
        "FileNotFoundError: /root/data.csv",
        f"{paths.REPO_ROOT}/data/alss_cohort.csv",
    ],
)
def test_findings_catch_addresses_and_paths(text):
    assert findings(text)


@pytest.mark.parametrize(
    "text",
    ["mystnb.11b39860a7a0cbfd473a3ad8a317855267ff0bd372690045ca344a6b62be495e.css",
     'fill="#D55E00"', "doi:10.1016/j.jhep.2020.03.014", "?digest=55c26ed414f5f8a31ebb", "0x41"],
)
def test_findings_ignore_digests_colours_and_dois(text):
    assert findings(text) == []


@pytest.mark.parametrize("notebook", sorted((paths.REPO_ROOT / "notebooks").glob("*.ipynb")), ids=lambda p: p.name)
def test_committed_notebook_outputs_name_no_machine_detail(notebook):
    assert findings(notebook_outputs(notebook)) == []


def test_built_site_names_no_machine_detail():
    assert SITE.exists(), f"{SITE} was not built; run `make book`"
    found = []
    for path in sorted(SITE.rglob("*")):
        if path.suffix in TEXT_SUFFIXES and path.is_file():
            text = path.read_bytes().decode("utf-8", errors="replace")
            found += [f"{path.relative_to(SITE)}: {finding}" for finding in findings(text)]
    assert found == []
