"""Two clean builds of the same sources give the same bytes, wherever they are built.

The repository is copied to two folders with different absolute paths; each copy runs
`make book` with its own empty `_build` (so every notebook is executed again, with no
execution cache) and the two `_build` trees are compared file by file. The copies reuse
this test's virtual environment rather than installing their own, to keep the suite fast.

Two folders of `_build` are left out of the comparison, because they are private caches
that are never published and record, by design, where and when they were made:

- `.doctrees/`: Sphinx's pickled parse trees keep each page's absolute source path;
- `.jupyter_cache/`: jupyter-cache's SQLite database keeps each notebook's absolute path
  and the time it was executed.

Everything else is compared: the HTML site (pages, SVG figures, search index, static
files, the notebooks offered for download) and `jupyter_execute/` (the executed notebooks
and their figures).
"""

from __future__ import annotations

import filecmp
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from evidence import paths

NOT_COMPARED = {".doctrees", ".jupyter_cache"}
NOT_COPIED = shutil.ignore_patterns(
    ".git", ".venv", "_build", "__pycache__", ".pytest_cache", "*.egg-info", ".ipynb_checkpoints"
)


def copy_sources(destination: Path) -> Path:
    shutil.copytree(paths.REPO_ROOT, destination, ignore=NOT_COPIED)
    return destination


def start_book_build(source: Path) -> subprocess.Popen:
    """`make book` in ``source``, with this interpreter's environment and its own sources."""
    venv = Path(sys.prefix)
    environment = {**os.environ, "PYTHONPATH": str(source)}  # its own `evidence`, not ours
    return subprocess.Popen(
        # -o: the environment exists already; don't reinstall it from the copy.
        ["make", "--no-print-directory", f"VENV={venv}", "-o", f"{venv}/.installed", "book"],
        cwd=source, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,  # its own process group, so that an interrupted run can stop it
    )


def tree_files(root: Path) -> set[str]:
    files = set()
    for folder, subfolders, names in os.walk(root):
        if Path(folder) == root:
            subfolders[:] = [s for s in subfolders if s not in NOT_COMPARED]
        files.update(str((Path(folder) / name).relative_to(root)) for name in names)
    return files


def tree_differences(first: Path, second: Path) -> list[str]:
    """Every file that is in only one tree or whose bytes differ, named by relative path."""
    first_files, second_files = tree_files(first), tree_files(second)
    differences = [f"only in the first build: {f}" for f in sorted(first_files - second_files)]
    differences += [f"only in the second build: {f}" for f in sorted(second_files - first_files)]
    differences += [
        f"differs: {f}" for f in sorted(first_files & second_files)
        if not filecmp.cmp(first / f, second / f, shallow=False)
    ]
    return differences


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
        "differs: html/page.html",
    ]


class CleanBuilds:
    """Two copies of the sources at different absolute paths, each running `make book`."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="reproducible-"))
        # Different depths and names, so that a leaked absolute path cannot cancel out.
        self.copies = [copy_sources(self.folder / "a"), copy_sources(self.folder / "second-build" / "book")]
        # Both at once: they are independent, and two cores finish them in the time of one.
        self.builds = [start_book_build(copy) for copy in self.copies]

    def wait(self) -> list[str]:
        return [build.communicate()[0] for build in self.builds]

    def remove(self) -> None:
        for build in self.builds:
            if build.poll() is None:
                os.killpg(build.pid, signal.SIGTERM)
                build.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


# tests/conftest.py starts the builds as soon as the tests are collected, so that they
# run while the other tests (nbval above all) do; this test then only waits for them.
started_builds: CleanBuilds | None = None


def test_two_clean_builds_in_different_folders_are_byte_identical():
    global started_builds
    builds, started_builds = started_builds or CleanBuilds(), None
    try:
        logs = builds.wait()
        for copy, build, log in zip(builds.copies, builds.builds, logs):
            assert build.returncode == 0, f"`make book` failed in {copy}:\n{log[-3000:]}"
        differences = tree_differences(builds.copies[0] / "_build", builds.copies[1] / "_build")
        assert differences == [], "the two builds differ:\n" + "\n".join(differences)
    finally:
        builds.remove()
