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


# --- Builds in the background ---
# A test module that defines BACKGROUND_BUILD (the clean build elsewhere of
# tests/site/test_reproducible.py, the build with injected data of tests/site/test_injection.py)
# gets it started as soon as the tests are collected, as `module.started_build`: each build runs
# while the rest of the suite does, and its test only waits for it. The reproducibility test
# runs last, so that its build has the most time.
DOUBLE_BUILD_TEST = "test_a_clean_build_elsewhere_in_another_environment_is_byte_identical"


@pytest.hookimpl(trylast=True)  # after -k and -m have deselected what they deselect
def pytest_collection_modifyitems(session, config, items):
    if config.getoption("collectonly"):
        return
    double_build = [item for item in items if item.name == DOUBLE_BUILD_TEST]
    for item in double_build:
        items.remove(item)
        items.append(item)
    for module in modules_with_a_background_build(items):
        module.started_build = module.BACKGROUND_BUILD()


def modules_with_a_background_build(items) -> list:
    modules = {getattr(item, "module", None) for item in items}
    return sorted((m for m in modules if hasattr(m, "BACKGROUND_BUILD")), key=lambda m: m.__name__)


def pytest_sessionfinish(session):
    """Stop and remove a build whose test did not collect it (the session ended first)."""
    for module in modules_with_a_background_build(getattr(session, "items", [])):
        if module.started_build is not None:
            module.started_build.remove()
            module.started_build = None
