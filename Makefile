# Recomputing the evidence: build, test and check the book.
# `make book` and `make test` each create the virtual environment they need.

PYTHON_BOOTSTRAP ?= python3
VENV    := .venv
PY      := $(VENV)/bin/python
UV_VERSION := 0.13.8
# Fixed hash seed and locale, so that two builds give the same bytes.
export PYTHONHASHSEED := 0
export LC_ALL := C.UTF-8
export MPLBACKEND := agg

# --- Reproducibility and speed (README, "Reproducibility and speed") ---
# Dates in the book ("Last updated on") are the commit's date, so two builds of one commit
# agree and the date is true; outside git, a fixed date.
ifeq ($(origin SOURCE_DATE_EPOCH),undefined)
SOURCE_DATE_EPOCH := $(shell git log -1 --format=%ct 2>/dev/null || echo 1767225600)
endif
export SOURCE_DATE_EPOCH
# Let Python keep its bytecode cache even where the shell disables it: without the cache
# every build recompiles Sphinx, myst-nb and pandas, which doubles a no-change rebuild.
export PYTHONDONTWRITEBYTECODE :=
# --- end of reproducibility and speed ---

.PHONY: help env book test validate audit notebooks workshop pdf catalogue kit-lock clean lock lock-upgrade bench

help:
	@echo "make book      build the HTML book into _build/html (creates .venv)"
	@echo "make test      run the whole test suite (creates .venv)"
	@echo "make validate  check every table in data/ against data/datapackage.json"
	@echo "make audit     run the claims audit into _build/audit/claims_audit.csv"
	@echo "make notebooks run every notebook in place, to commit fresh outputs"
	@echo "make workshop  pack notebooks, data and helpers into _build/workshop/*.zip for offline use"
	@echo "make pdf       print the whole book into _build/pdf/recomputing-the-evidence.pdf (and the site)"
	@echo "make catalogue add the code's new English text to locale/zh_CN/LC_MESSAGES/generated.po, to translate"
	@echo "make kit-lock  re-resolve kit/requirements.txt into kit/requirements.lock and binder/requirements.txt"
	@echo "make clean     remove the build and the execution cache"
	@echo "make lock      re-resolve requirements.txt into requirements.lock"
	@echo "make lock-upgrade  the same, moving every transitive pin to its newest release"
	@echo "make bench     time set-up, builds, tests and bare execution; print JSON"

env: $(VENV)/.installed

# uv from PyPI creates the environment in seconds; pip is the fallback if uv cannot be had.
# Every pin is exact, so uv first tries its cache alone (--offline): asking the index again
# for each of 110 packages can take half a minute; it goes online only for what it lacks.
UV_INSTALL = { $(PYTHON_BOOTSTRAP) -m uv pip install --quiet --python $(PY) --offline $(1) 2>/dev/null \
	|| $(PYTHON_BOOTSTRAP) -m uv pip install --quiet --python $(PY) $(1); }
$(VENV)/.installed: requirements.lock pyproject.toml tools/jupyter/ipython_kernel_config.py
	@if $(PYTHON_BOOTSTRAP) -m uv --version >/dev/null 2>&1 || $(PYTHON_BOOTSTRAP) -m pip install -qq --root-user-action=ignore "uv==$(UV_VERSION)"; then \
		$(PYTHON_BOOTSTRAP) -m uv venv --quiet --allow-existing --python $(PYTHON_BOOTSTRAP) $(VENV) && \
		$(call UV_INSTALL,-r requirements.lock) && \
		$(call UV_INSTALL,--no-deps --build-constraints requirements.lock -e .) ; \
	else \
		echo "uv is not available; falling back to python -m venv and pip" && \
		$(PYTHON_BOOTSTRAP) -m venv $(VENV) && \
		$(PY) -m pip install --quiet -r requirements.lock && \
		$(PY) -m pip install --quiet --no-deps -e . ; \
	fi
	@mkdir -p $(VENV)/etc/ipython && cp tools/jupyter/ipython_kernel_config.py $(VENV)/etc/ipython/
	@touch $@

lock:
	$(PYTHON_BOOTSTRAP) -m uv pip compile --quiet --python-version 3.11 --universal --no-header --no-annotate $(LOCK_FLAGS) requirements.txt -o requirements.lock

# `make lock` keeps every transitive pin that still fits; this moves each to its newest fit.
lock-upgrade: LOCK_FLAGS := --upgrade
lock-upgrade: lock

validate: env
	$(PY) -m evidence.validate

# --- Incremental book: `make book` starts jupyter-book only when an input changed ---
# Inputs: every file and folder of the project (a folder changes when a file is added or
# removed in it), but not the build, the environment, caches or the tests (pytest adds
# tests/__pycache__, which made the `make book` after `make test` build again). Absolute
# paths, so that the folders book/ and notebooks/ are not taken for the targets of the same names.
BOOK_INPUTS := $(shell find $(CURDIR) -mindepth 1 \( -name .git -o -name .venv -o -name _build -o -name __pycache__ \
	-o -name .pytest_cache -o -name .ipynb_checkpoints -o -name '*.egg-info' -o -path $(CURDIR)/tests \) -prune -o -print)
# jupyter-cache runs a notebook again only when its code changes, and Sphinx reads it again
# only when the file changes; when the data, the helpers, the configuration or the Sphinx
# extension change, both caches are stale.
EXECUTION_INPUTS := $(wildcard data/* evidence/*.py evidence/audit/*.py book/references.bib book/_ext/*.py) _config.yml requirements.lock

book: _build/.book-built

# _build/.clean-build marks a site built from nothing (no earlier pages or figures left in
# it), which the reproducibility test can compare a build elsewhere with.
_build/.book-built: $(VENV)/.installed $(BOOK_INPUTS) _build/.execution-inputs
	$(PY) -m evidence.validate
	@if [ -d _build/html ]; then rm -f _build/.clean-build; else touch _build/.clean-build; fi
	@tools/ensure-browser.sh $(PY)  # the Chinese edition's figures need a CJK font
	$(PY) tools/chinese_edition.py --prepare
	$(PY) tools/fill_execution_cache.py $(CURDIR)/_build/.jupyter_cache $(CURDIR)/_build/zh/.jupyter_cache=zh_CN
	@# The two editions' Sphinx builds each use one core: they run side by side.
	@$(VENV)/bin/jupyter-book build . --builder html -W -n --keep-going > _build/english-edition.log 2>&1 & english=$$!; \
		$(PY) tools/chinese_edition.py --build; chinese=$$?; \
		wait $$english; english_status=$$?; cat _build/english-edition.log; \
		test $$english_status -eq 0 -a $$chinese -eq 0
	$(PY) tools/chinese_edition.py --publish
	@touch $@

_build/.execution-inputs: $(EXECUTION_INPUTS)
	rm -rf _build/.jupyter_cache _build/.doctrees _build/zh
	@mkdir -p _build && touch $@
# --- end of incremental book ---

# Every claim of the ledger through its checks, outside the book.
audit: env validate
	$(PY) -m evidence.audit

notebooks: env
	$(PY) -m evidence.notebooks

workshop: env
	$(PY) -m evidence.workshop

# The whole book as one PDF, printed by headless Chromium from the built pages (tools/book_pdf.py).
pdf: env book
	@tools/ensure-browser.sh $(PY)
	$(PY) tools/book_pdf.py

# The Chinese edition: the text the code writes, which generated.po does not translate yet.
catalogue: env
	@tools/ensure-browser.sh $(PY)
	$(PY) tools/collect_generated_text.py

# The workshop kit's own requirements (what the notebooks import, and JupyterLab); Binder installs the same.
kit-lock:
	$(PYTHON_BOOTSTRAP) -m uv pip compile --quiet --python-version 3.11 --universal --no-header --no-annotate kit/requirements.txt -o kit/requirements.lock
	{ sed -n '1,2p' binder/requirements.txt; cat kit/requirements.lock; } > binder/requirements.txt.new && mv binder/requirements.txt.new binder/requirements.txt

# Units, data and bad-input fixtures, strict nbval on every notebook, then the built site.
# The browser tests need Chromium and a CJK font: installed first if missing.
test: env book pdf
	@tools/ensure-browser.sh $(PY)
	$(PY) -m pytest tests notebooks --nbval

clean:
	rm -rf _build .pytest_cache

# Timings from fresh clones of the last commit; prints one JSON object (tools/bench.py).
bench:
	@$(PYTHON_BOOTSTRAP) tools/bench.py
