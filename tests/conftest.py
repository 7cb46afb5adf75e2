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


# --- The clean build elsewhere of tests/site/test_reproducible.py ---
# It starts as soon as the tests are collected and that test runs last, so the build runs
# while the rest of the suite (nbval above all) does, not after it.
DOUBLE_BUILD_TEST = "test_a_clean_build_elsewhere_in_another_environment_is_byte_identical"


@pytest.hookimpl(trylast=True)  # after -k and -m have deselected what they deselect
def pytest_collection_modifyitems(session, config, items):
    double_build = [item for item in items if item.name == DOUBLE_BUILD_TEST]
    if not double_build or config.getoption("collectonly"):
        return
    for item in double_build:
        items.remove(item)
        items.append(item)
    module = double_build[0].module
    module.started_build = module.CleanBuildElsewhere()


def pytest_sessionfinish(session):
    """Stop and remove the build if the session ended before that test collected it."""
    for item in getattr(session, "items", []):
        if item.name == DOUBLE_BUILD_TEST and item.module.started_build is not None:
            item.module.started_build.remove()
            item.module.started_build = None
            return
