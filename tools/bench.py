"""Time the book's set-up, builds and tests from fresh clones; print one JSON object.

Run ``make bench`` (or ``python3 tools/bench.py``). It clones the last commit of this
repository into a temporary folder (uncommitted changes are not measured) and times, each
as the median of ``BENCH_RUNS`` runs (default 3; each run in its own new clone):

- ``fresh_setup``: ``make env`` in a new clone, with uv's download cache warm;
- ``first_build_in_fresh_environment``: the first ``make book`` there (it also fills
  Python's bytecode cache);
- ``clean_build``: ``make book`` after ``make clean``: both editions, every notebook executed
  again (the two editions share the cores: one pool of executions, then both Sphinx builds side
  by side);
- ``english_edition_build`` and ``chinese_edition_build``: each edition built alone from a clean
  tree, one after the other (its notebooks executed in parallel into its cache, then Sphinx);
- ``no_change_rebuild``: ``make book`` again, nothing changed (make finds the book up to date);
- ``rebuild_after_touch_only``: ``make book`` after a file's date changed but not its
  content, so jupyter-book starts and finds nothing to do (its start-up cost);
- ``rebuild_after_markdown_change``: ``make book`` after one notebook's markdown changed
  (the execution cache still holds, so only pages are rendered again);
- ``rebuild_after_code_change``: ``make book`` after one notebook's code changed (that
  notebook is executed again);
- ``make_test``: the whole suite, with the book already built; ``browser_tests_in_make_test``
  and, per page visited, ``browser_seconds_per_page``; ``browser_tests_alone``: the same tests
  again with nothing else running;
- page weights: every page with all it loads, uncompressed and gzipped, per edition (the
  browser tests write them to ``_build/page-weights.json``);
- ``bare_execution``: every notebook executed once with nbclient, nothing else (timed inside
  the Python process, so interpreter start-up is not counted).

It then checks the goals of the README's "Reproducibility and speed" section. Times are
wall-clock seconds; ``cpu_s`` (user + system time of all child processes) is given beside
them because on a shared machine wall-clock time also measures the neighbours.

Set ``BENCH_COLD_SETUP=1`` to time one more set-up with an empty uv cache (downloads every
package). Progress goes to stderr, the JSON to stdout.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
BROWSER_TESTS = "tests.site.test_browser"  # junit classname of tests/site/test_browser.py
# The environment the Makefile gives its commands, for the one step that runs without make.
MAKEFILE_ENVIRONMENT = {"PYTHONHASHSEED": "0", "LC_ALL": "C.UTF-8", "MPLBACKEND": "agg", "PYTHONDONTWRITEBYTECODE": ""}
BARE_EXECUTION = """
import time
from evidence.notebooks import chapter_notebooks, execute
start = time.perf_counter()
for path in chapter_notebooks():
    execute(path)
print(time.perf_counter() - start)
"""


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """Run a command; return its wall-clock and CPU seconds and its output. Stop on failure."""
    cpu_before, start = children_cpu_seconds(), time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env={**os.environ, **(env or {})}, capture_output=True, text=True)
    wall, cpu = time.perf_counter() - start, children_cpu_seconds() - cpu_before
    if result.returncode != 0:
        log(f"`{' '.join(command)}` failed in {cwd}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
        sys.exit(1)
    return wall, cpu, result.stdout


def clone(destination: Path) -> Path:
    subprocess.run(["git", "clone", "--quiet", str(REPO_ROOT), str(destination)], check=True)
    return destination


def summary(walls: list[float], cpus: list[float]) -> dict:
    return {
        "median_s": round(statistics.median(walls), 2),
        "runs_s": [round(w, 2) for w in walls],
        "cpu_s": round(statistics.median(cpus), 2),
    }


def edit_notebook(path: Path, cell_type: str, text: str) -> None:
    """Append ``text`` to the last cell of ``cell_type``, as an author's small edit would."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    cell = [c for c in notebook["cells"] if c["cell_type"] == cell_type][-1]
    source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
    cell["source"] = source + text
    path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def browser_test_seconds(junit_xml: Path) -> float:
    if not junit_xml.exists():
        return 0.0
    cases = ElementTree.parse(junit_xml).getroot().iter("testcase")
    return sum(float(case.get("time", 0)) for case in cases if case.get("classname", "").startswith(BROWSER_TESTS))


def machine() -> dict:
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    models = [line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name")]
    meminfo = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else ""
    memory_kb = next((int(line.split()[1]) for line in meminfo.splitlines() if line.startswith("MemTotal")), 0)
    uv = subprocess.run([sys.executable, "-m", "uv", "--version"], capture_output=True, text=True).stdout.strip()
    return {
        "cpu_model": models[0] if models else platform.processor(),
        "logical_cpus": os.cpu_count(),
        "memory_gb": round(memory_kb / 1024**2, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "uv": uv or None,
    }


def main() -> int:
    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO_ROOT, capture_output=True, text=True).stdout.strip()
    load_before = os.getloadavg()
    # The clones live in a temporary folder with no ../shared beside them: point the book at
    # the source articles this checkout uses (validation and the injection test read them).
    os.environ.setdefault("BOOK_SOURCE_ARTICLES", str(REPO_ROOT.parent / "shared" / "sources"))
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        figures = measure(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    load_after = os.getloadavg()

    bare, clean, no_change, test = (figures[k]["median_s"] for k in ("bare_execution", "clean_build", "no_change_rebuild", "make_test"))
    setup, first = figures["fresh_setup"]["median_s"], figures["first_build_in_fresh_environment"]["median_s"]
    weights = figures.pop("page_weights")
    pages_visited = figures.pop("pages_visited")
    per_page = round(figures["browser_tests_in_make_test"]["median_s"] / max(pages_visited, 1), 2)
    per_page_alone = round(figures["browser_tests_alone"]["median_s"] / max(pages_visited, 1), 2)
    largest = max(edition["largest_bytes"] for edition in weights.values())
    goals = {
        "clean_build (both editions) <= 1.0 x bare_execution (English)": {"limit": round(bare, 2), "measured": clean},
        "fresh clone to built book (make env + first make book) <= 60 s": {"limit": 60.0,
                                                                          "measured": round(setup + first, 2)},
        "make_test with the book built <= 150 s": {"limit": 150.0, "measured": test},
        "browser tests <= 1.5 s a page": {"limit": 1.5, "measured": per_page},
        "no_change_rebuild < 1 s": {"limit": 1.0, "measured": no_change},
        "every page <= 1.0 MB uncompressed": {"limit": 1_000_000, "measured": largest},
    }
    for goal in goals.values():
        goal["met"] = goal["measured"] <= goal["limit"]
    report = {
        "commit": commit,
        "runs_per_figure": RUNS,
        "notebooks": figures.pop("notebooks"),
        "figures": figures,
        "editions": {
            "english": {"build_s": figures["english_edition_build"]["median_s"], **weights["english"]},
            "chinese": {"build_s": figures["chinese_edition_build"]["median_s"], **weights["chinese"]},
        },
        "browser_pages_visited": pages_visited,
        "browser_seconds_per_page": {"in_make_test": per_page, "alone": per_page_alone},
        "ratios": {
            "clean_build / bare_execution": round(clean / bare, 2),
            "english_edition_build / bare_execution": round(figures["english_edition_build"]["median_s"] / bare, 2),
            "chinese_edition_build / bare_execution": round(figures["chinese_edition_build"]["median_s"] / bare, 2),
            "make_test / bare_execution": round(test / bare, 2),
            "no_change_rebuild / clean_build": round(no_change / clean, 3),
        },
        "goals": goals,
        "all_goals_met": all(goal["met"] for goal in goals.values()),
        "machine": {**machine(), "load_average_1min_before_after": [round(load_before[0], 2), round(load_after[0], 2)]},
        "notes": [
            "wall-clock seconds, median of runs_per_figure runs; cpu_s is the median user+system time of the processes the step waited for (Chromium's processes are not among them, so it is short for make_test)",
            "fresh_setup: `make env` in a new clone with uv's cache warm (packages already downloaded, installed offline)",
            "each run goes through every step once in its own new clone, so that varying load weighs on all figures alike",
            "make_test: right after clean_build, as in CI; includes the one extra clean build of tests/site/test_reproducible.py and the build with injected data of tests/site/test_injection.py",
            "page weights: bytes of every file a page loads in Chromium, as served from disk; gzip at level 6",
            "bare_execution: evidence.notebooks.execute on every notebook, timed inside Python",
        ],
    }
    print(json.dumps(report, indent=2))
    return 0


def measure(work: Path) -> dict:
    """Each run goes through every step once, in a new clone: on a shared machine the load
    of the neighbours then weighs on every figure alike, and the medians stay comparable."""
    walls: dict[str, list[float]] = {}
    cpus: dict[str, list[float]] = {}

    def record(name: str, wall: float, cpu: float) -> None:
        log(f"{name}: {wall:.1f} s")
        walls.setdefault(name, []).append(wall)
        cpus.setdefault(name, []).append(cpu)

    junit_xml = work / "make-test.xml"
    notebook_count = 0
    for run_number in range(1, RUNS + 1):
        log(f"run {run_number}/{RUNS}")
        book = clone(work / f"run-{run_number}")
        record("fresh_setup", *run(["make", "env"], book)[:2])
        # The first build also compiles and caches the bytecode of every module it imports.
        record("first_build_in_fresh_environment", *run(["make", "book"], book)[:2])

        time.sleep(0.1)  # file dates are coarse: an edit in the stamp's millisecond looks old
        # A file no page is built from: make starts jupyter-book, which finds nothing to do (a
        # touched _config.yml or data file would empty the execution caches, by design).
        (book / "README.md").touch()
        record("rebuild_after_touch_only", *run(["make", "book"], book)[:2])

        notebooks = sorted((book / "notebooks").glob("*.ipynb"))
        notebook_count = len(notebooks)
        for cell_type, text in (("markdown", "\n\n<!-- bench edit -->"), ("code", "\n# bench edit")):
            time.sleep(0.1)
            edit_notebook(notebooks[0], cell_type, text)
            record(f"rebuild_after_{cell_type}_change", *run(["make", "book"], book)[:2])
        subprocess.run(["git", "checkout", "--quiet", "--", "notebooks"], cwd=book, check=True)

        # Last, the build from nothing that `make test` then finds, as in CI and a fresh clone
        # (after incremental builds the reproducibility test would need two builds of its own).
        run(["make", "clean"], book)
        record("clean_build", *run(["make", "book"], book)[:2])
        record("no_change_rebuild", *run(["make", "book"], book)[:2])

        junit_xml.unlink(missing_ok=True)
        record("make_test", *run(["make", "test"], book, env={"PYTEST_ADDOPTS": f"--junitxml={junit_xml}"})[:2])
        record("browser_tests_in_make_test", browser_test_seconds(junit_xml), 0.0)
        page_weights = json.loads((book / "_build" / "page-weights.json").read_text(encoding="utf-8"))
        # The same browser tests with nothing else running: what a page costs without the
        # builds that `make test` runs beside them.
        junit_xml.unlink(missing_ok=True)
        python = str(book / ".venv" / "bin" / "python")
        run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/site/test_browser.py", f"--junitxml={junit_xml}"],
            book, MAKEFILE_ENVIRONMENT)
        record("browser_tests_alone", browser_test_seconds(junit_xml), 0.0)

        # Each edition alone, from a clean tree: its executions, then its Sphinx build.
        run(["make", "clean"], book)
        environment = {**MAKEFILE_ENVIRONMENT, "SOURCE_DATE_EPOCH": "1767225600"}
        english = [run([python, "tools/fill_execution_cache.py"], book, environment),
                   run([str(book / ".venv" / "bin" / "jupyter-book"), "build", ".", "--builder", "html"], book, environment)]
        record("english_edition_build", sum(step[0] for step in english), sum(step[1] for step in english))
        record("chinese_edition_build", *run([python, "tools/chinese_edition.py"], book, environment)[:2])

        _, cpu, output = run([python, "-c", BARE_EXECUTION], book / "notebooks", MAKEFILE_ENVIRONMENT)
        record("bare_execution", float(output.strip().splitlines()[-1]), cpu)
        shutil.rmtree(book, ignore_errors=True)

    if os.environ.get("BENCH_COLD_SETUP") == "1":
        cold = clone(work / "cold")
        wall, cpu, _ = run(["make", "env"], cold, env={"UV_CACHE_DIR": str(work / "empty-uv-cache")})
        record("fresh_setup_cold_uv_cache", wall, cpu)
    figures = {name: summary(walls[name], cpus[name]) for name in walls}
    figures["notebooks"] = notebook_count
    figures["pages_visited"] = len(page_weights)
    figures["page_weights"] = {edition: weight_summary({name: w for name, w in page_weights.items()
                                                        if name.startswith("zh/") == (edition == "chinese")})
                               for edition in ("english", "chinese")}
    return figures


def weight_summary(pages: dict[str, dict]) -> dict:
    """The largest and the median page, uncompressed and gzipped (the last run's)."""
    largest = max(pages, key=lambda name: pages[name]["bytes"])
    return {
        "pages": len(pages),
        "largest_page": largest,
        "largest_bytes": pages[largest]["bytes"],
        "largest_gzip_bytes": pages[largest]["gzip_bytes"],
        "median_bytes": int(statistics.median(p["bytes"] for p in pages.values())),
        "median_gzip_bytes": int(statistics.median(p["gzip_bytes"] for p in pages.values())),
    }


if __name__ == "__main__":
    sys.exit(main())
