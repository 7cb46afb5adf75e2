"""Shared fixtures: a small, valid data package copied to a temporary folder per test."""

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixture_package(tmp_path: Path) -> Path:
    """A copy of tests/fixtures/good laid out as data/ + book/references.bib; returns data/."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    for name in ("datapackage.json", "trials.csv"):
        shutil.copy(FIXTURES / "good" / name, data_dir / name)
    shutil.copy(FIXTURES / "good" / "references.bib", tmp_path / "references.bib")
    return data_dir
