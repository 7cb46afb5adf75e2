"""A clean build elsewhere gives the same bytes as the build `make book` made here.

`make test` builds the book first (`make book`). This test copies the sources to a folder
at another absolute path, where `make book` creates a second environment of its own (a
new `.venv`, at another path, from the same lock file) and builds with an empty `_build`, so
every notebook is executed again. The published trees are then compared file by file:

- `html/`: the site (pages, SVG figures, search index, static files, `.buildinfo`, the
  notebooks offered for download);
- `jupyter_execute/`: the executed notebooks and their figures.

Not compared, because they are private caches that are never published and record, by
design, where and when they were made: `.doctrees/` (Sphinx's pickled parse trees keep each
page's absolute source path) and `.jupyter_cache/` (its SQLite database keeps each
notebook's absolute path and execution time). The clean build's log must also be free of
warnings, which a new user would take for failures.
"""

from __future__ import annotations

import filecmp
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from evidence import paths

PUBLISHED = ("html", "jupyter_execute")
NOT_COPIED = shutil.ignore_patterns(
    ".git", ".venv", "_build", "__pycache__", ".pytest_cache", "*.egg-info", ".ipynb_checkpoints"
)


def copy_sources(destination: Path) -> Path:
    shutil.copytree(paths.REPO_ROOT, destination, ignore=NOT_COPIED)
    return destination


def start_book_build(source: Path) -> subprocess.Popen:
    """`make book` in ``source``, which creates its own environment there."""
    # Not this test's environment: no VIRTUAL_ENV, no PYTHONPATH pointing back here.
    environment = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    # The copy has no git history, so give it the date this checkout's build used.
    environment["SOURCE_DATE_EPOCH"] = os.environ.get("SOURCE_DATE_EPOCH") or subprocess.run(
        ["git", "log", "-1", "--format=%ct"], cwd=paths.REPO_ROOT, capture_output=True, text=True, check=True,
    ).stdout.strip()
    return subprocess.Popen(
        ["make", "--no-print-directory", "book"],
        cwd=source, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,  # its own process group, so that an interrupted run can stop it
    )


# "WARNING: ...", "[IPKernelApp] WARNING | ...", "DeprecationWarning: ...", but not a
# setting's name such as myst's "suppress_warnings=[]", which the log prints.
WARNING_LINE = re.compile(r"\bwarning\b|warning:", re.IGNORECASE)


def warning_lines(log: str) -> list[str]:
    return [line for line in log.splitlines() if WARNING_LINE.search(line)]


# The whole-book PDF is made by `make pdf`, not by `make book`, so only a site that `make pdf`
# also ran in has it; tests/test_book_pdf.py checks it (its dates are the commit's).
NOT_FROM_MAKE_BOOK = {"html/_downloads/recomputing-the-evidence.pdf"}


def tree_files(root: Path) -> set[str]:
    files = set()
    for published in PUBLISHED:
        for folder, _, names in os.walk(root / published):
            files.update(str((Path(folder) / name).relative_to(root)) for name in names)
    return files - NOT_FROM_MAKE_BOOK


def tree_differences(first: Path, second: Path) -> list[str]:
    """Every file that is in only one tree or whose bytes differ, named by relative path."""
    first_files, second_files = tree_files(first), tree_files(second)
    differences = [f"only in the first build: {f}" for f in sorted(first_files - second_files)]
    differences += [f"only in the second build: {f}" for f in sorted(second_files - first_files)]
    differences += [
        f"differs: {f}{first_difference(first / f, second / f)}" for f in sorted(first_files & second_files)
        if not filecmp.cmp(first / f, second / f, shallow=False)
    ]
    return differences


def first_difference(first: Path, second: Path, context: int = 120) -> str:
    """Where two files first differ, as text, so that a failure shows what to look for."""
    a, b = first.read_bytes(), second.read_bytes()
    at = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    start = max(0, at - context)
    def show(data: bytes) -> str:
        return data[start:at + context].decode("utf-8", errors="replace")
    return f" (at byte {at}:\n  first:  {show(a)!r}\n  second: {show(b)!r})"


def test_tree_differences_names_each_differing_file(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    for root, text in ((first, "a"), (second, "b")):
        (root / "html").mkdir(parents=True)
        (root / "html" / "page.html").write_text(text)
        (root / ".doctrees").mkdir()
        (root / ".doctrees" / "page.doctree").write_text(text)
    (first / "html" / "extra.svg").write_text("")
    assert tree_differences(first, second) == [
        "only in the first build: html/extra.svg",
        "differs: html/page.html (at byte 0:\n  first:  'a'\n  second: 'b')",
    ]


class CleanBuildElsewhere:
    """Clean builds in copies of the sources at other absolute paths, in the background.

    One build is enough when `make book` built this checkout's `_build` from nothing
    (`_build/.clean-build`, as in CI and a fresh clone). After incremental builds this
    checkout's site may hold pages and figures of earlier builds, so two copies are built
    and compared with each other instead.
    """

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="reproducible-"))
        self.here_is_clean = (paths.REPO_ROOT / "_build" / ".clean-build").exists()
        # Other depths and names, so that a leaked absolute path cannot cancel out.
        places = [self.folder / "second-build" / "book"] + ([] if self.here_is_clean else [self.folder / "a"])
        self.copies = [copy_sources(place) for place in places]
        for copy in self.copies:
            # The article pages count words in the source articles, which sit beside a checkout.
            (copy.parent / paths.SOURCE_ARTICLES_DIR.parent.name).symlink_to(paths.SOURCE_ARTICLES_DIR.parent)
        self.builds = [start_book_build(copy) for copy in self.copies]

    def reference(self) -> Path:
        return paths.REPO_ROOT / "_build" if self.here_is_clean else self.copies[1] / "_build"

    def wait(self) -> list[str]:
        return [build.communicate()[0] for build in self.builds]

    def remove(self) -> None:
        for build in self.builds:
            if build.poll() is None:
                os.killpg(build.pid, signal.SIGTERM)
                build.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


# tests/conftest.py starts the build as soon as the tests are collected, so that it runs
# while the other tests (nbval above all) do; this test then only waits for it.
BACKGROUND_BUILD = CleanBuildElsewhere
started_build: CleanBuildElsewhere | None = None


def test_a_clean_build_elsewhere_in_another_environment_is_byte_identical():
    global started_build
    builds, started_build = started_build or CleanBuildElsewhere(), None
    try:
        for copy, build, log in zip(builds.copies, builds.builds, builds.wait()):
            assert build.returncode == 0, f"`make book` failed in {copy}:\n{log[-3000:]}"
            assert warning_lines(log) == [], "the clean build's log has warnings:\n" + "\n".join(warning_lines(log))
        differences = tree_differences(builds.reference(), builds.copies[0] / "_build")
        assert differences == [], "two clean builds in different places differ:\n" + "\n".join(differences)
    finally:
        builds.remove()


def test_warning_lines_finds_warnings_in_any_case():
    log = ("myst v3: MdParserConfig(suppress_warnings=[])\nWARNING: undefined label\nbuild succeeded.\n"
           "[IPKernelApp] Warning | x\nx.py:1: DeprecationWarning: old")
    assert warning_lines(log) == ["WARNING: undefined label", "[IPKernelApp] Warning | x", "x.py:1: DeprecationWarning: old"]
