"""Reader's notebooks: each chapter notebook as a plain Jupyter notebook that stands alone.

The book's notebooks are written for Jupyter Book: their Markdown holds MyST roles and
directives (``{glue:md}`name```, ``{term}``, ``{cite:p}``, ``{include}``, ``:::{exercise}``, …)
that only the book's build turns into text. A reader who downloads a notebook, or opens it in
JupyterLab from the workshop kit, would see that markup. ``reader_notebook`` converts one
notebook, and is the only way these notebooks are made (never by hand):

- every glue reference becomes the value the executed notebook glued (its committed outputs);
  a glued figure becomes an image attached to its Markdown cell, with its number and caption;
- ``{term}`` becomes a link to a list of the terms, with their definitions from
  ``book/glossary.md``, at the end of the notebook;
- ``{cite:p}`` and ``{cite:t}`` become author–year text (``(Xiao et al. 2019)``,
  ``Xiao et al. (2019)``), and the papers cited are listed under "References" at the end;
- ``{include}`` is expanded; ``{ref}``, ``{numref}`` and ``{doc}`` become plain text (a link
  when the target is another chapter notebook, which sits beside this one in the kit);
- admonitions and dropdowns become block quotes with a bold title; exercises stay in place,
  numbered; each solution (``{solution-start}`` … ``{solution-end}``, code cells included) moves
  to the end under "Solutions";
- cells the book hides keep their code, folded (``jupyter.source_hidden``); outputs the
  reader never sees (glue records, cells the book removes) are dropped;
- a first cell installs the book's helpers on Google Colab only; elsewhere it does nothing.

An unknown role or directive raises ``ValueError``, so that new markup is not passed through
to readers unnoticed.

``python -m evidence.reader_notebooks [--out DIR] [notebook ...]`` writes the reader's
notebooks (by default every chapter notebook, into ``_build/reader-notebooks/``);
``--in-place`` overwrites the given notebooks (Binder does this in its copy of the repository).
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import nbformat

from evidence import paths
from evidence.escape import markdown_text

NOTEBOOK_DIR = paths.REPO_ROOT / "notebooks"
BOOK_DIR = paths.REPO_ROOT / "book"
GLOSSARY = BOOK_DIR / "glossary.md"
DEFAULT_OUT = paths.REPO_ROOT / "_build" / "reader-notebooks"
RECORD = "application/papermill.record/"
HIDDEN_TAGS = {"hide-input", "remove-input", "remove-cell", "hide-cell"}
OUTPUTS_NOT_SHOWN_TAGS = {"remove-cell", "remove-output"}

ROLE = re.compile(r"\{(?P<role>[a-z][\w:-]*)\}`(?P<content>[^`]+)`")
FENCE_OPEN = re.compile(r"^(?P<fence>`{3,}|:{3,})\{(?P<name>[a-z][\w:-]*)\}[ \t]*(?P<argument>.*?)[ \t]*$")
PLAIN_FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})")
OPTION = re.compile(r"^:(?P<key>[\w-]+):[ \t]*(?P<value>.*)$")
LABEL_LINE = re.compile(r"^\((?P<label>[^)\s]+)\)=[ \t]*$")
TEXT_AND_TARGET = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^<>]+)>$", re.S)
ADMONITIONS = {"admonition", "note", "tip", "hint", "important", "warning", "caution", "attention",
               "danger", "error", "seealso", "dropdown"}


# --- The settings and the book's own pages --------------------------------------------------------

@cache
def repository() -> tuple[str, str]:
    """The repository's address and branch: one setting, ``repository`` in ``_config.yml``."""
    import yaml

    config = yaml.safe_load((paths.REPO_ROOT / "_config.yml").read_text(encoding="utf-8"))
    return config["repository"]["url"].rstrip("/"), config["repository"].get("branch", "main")


def colab_cell_source(url: str, branch: str) -> str:
    """The first cell: on Colab only, fetch the repository's files and install ``evidence``."""
    folder = f"{url.rsplit('/', 1)[-1]}-{branch}"
    return f'''\
# On Google Colab only: fetch the book's data and helper package `evidence`, and install them.
# Anywhere else (JupyterLab, the workshop kit, Binder) this cell does nothing.
import sys

if "google.colab" in sys.modules:
    import subprocess
    import urllib.request
    import zipfile
    from pathlib import Path

    REPOSITORY, BRANCH = "{url}", "{branch}"
    folder = Path("/content") / "{folder}"
    if not folder.exists():
        archive, _ = urllib.request.urlretrieve(f"{{REPOSITORY}}/archive/refs/heads/{{BRANCH}}.zip")
        zipfile.ZipFile(archive).extractall("/content")
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "pybtex", "latexcodec", "statsmodels"], check=True)
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "-e", str(folder)], check=True)
    sys.path.insert(0, str(folder))'''


def _first_heading(text: str) -> str:
    match = re.search(r"^#\s+(.+?)\s*$", text, re.M)
    return match.group(1) if match else ""


def _markdown_of(path: Path) -> str:
    if path.suffix == ".ipynb":
        notebook = nbformat.read(path, as_version=4)
        texts = [c.source for c in notebook.cells if c.cell_type == "markdown"]
        # Pages such as the audit's print their own Markdown (with labels) as outputs.
        texts += [o["data"]["text/markdown"] for c in notebook.cells for o in c.get("outputs", [])
                  if "text/markdown" in o.get("data", {})]
        return "\n\n".join(texts)
    return path.read_text(encoding="utf-8")


@cache
def book_pages() -> dict[Path, str]:
    """Every page of the book (notebooks and Markdown pages) with its title."""
    pages = sorted(NOTEBOOK_DIR.glob("*.ipynb")) + sorted(BOOK_DIR.glob("*.md"))
    return {page.resolve(): _first_heading(_markdown_of(page)) for page in pages}


@cache
def book_labels() -> dict[str, tuple[Path, str]]:
    """Every ``(label)=`` of the book: the page it is on and the heading it names."""
    labels = {}
    for page in book_pages():
        lines = _markdown_of(page).splitlines()
        for number, line in enumerate(lines):
            match = LABEL_LINE.match(line)
            if match:
                heading = next((l for l in lines[number + 1:] if l.strip()), "")
                # A label names a heading, or (on the audit's pages) a paragraph: no title then.
                title = re.sub(r"^#+\s*", "", heading).strip() if heading.startswith("#") else ""
                labels[match["label"]] = (page, title)
    return labels


@dataclass(frozen=True)
class Term:
    names: tuple[str, ...]
    definition: str

    @property
    def slug(self) -> str:
        return "term-" + (re.sub(r"[^a-z0-9]+", "-", self.names[0].lower()).strip("-") or "x")


def parse_glossary(text: str) -> list[Term]:
    """The entries of every ``{glossary}`` block: name lines, then an indented definition."""
    terms, names, definition, inside = [], [], [], False
    for line in text.splitlines() + [""]:
        if line.startswith("```{glossary}"):
            inside = True
            continue
        if inside and line.startswith("```"):
            inside = False
        if not inside or (not line.strip() and not definition):
            if not inside and names:
                terms.append(Term(tuple(names), " ".join(definition)))
                names, definition = [], []
            continue
        if line.startswith((" ", "\t")):
            definition.append(line.strip())
        elif line.strip():
            if definition:
                terms.append(Term(tuple(names), " ".join(definition)))
                names, definition = [], []
            names.append(line.strip())
    if names:
        terms.append(Term(tuple(names), " ".join(definition)))
    return terms


@cache
def glossary() -> dict[str, Term]:
    """Glossary entries by each of their names, in lower case (Sphinx matches terms so too)."""
    return {name.lower(): term for term in parse_glossary(GLOSSARY.read_text(encoding="utf-8"))
            for name in term.names}


# --- Citations --------------------------------------------------------------------------------------

@cache
def _bibliography():
    from pybtex.database import parse_file

    return parse_file(str(paths.BIBLIOGRAPHY))


def _latex_free(text: str) -> str:
    import codecs

    import latexcodec  # noqa: F401 - registers the 'ulatex' codec

    return codecs.decode(text, "ulatex").replace("{", "").replace("}", "")


def authors_and_year(key: str) -> tuple[str, str]:
    """'xiao2019' → ('Xiao et al.', '2019'), as the book prints its author–year citations."""
    entry = _bibliography().entries.get(key)
    if entry is None:
        raise ValueError(f"citation key {key!r} is not in {paths.BIBLIOGRAPHY.name}")
    people = entry.persons.get("author", []) or entry.persons.get("editor", [])

    def last(person) -> str:
        return _latex_free(" ".join(person.last_names or person.first_names))

    if not people:
        names = _latex_free(entry.fields.get("title", key))
    elif len(people) == 1:
        names = last(people[0])
    elif len(people) == 2:
        names = f"{last(people[0])} and {last(people[1])}"
    else:
        names = f"{last(people[0])} et al."
    return names, entry.fields.get("year", "n.d.")


@cache
def reference_text(key: str) -> str:
    """One entry of the reference list, as plain text (pybtex's plain style)."""
    entry = _bibliography().entries[key]
    formatted = next(iter(_plain_style().format_entries([entry])))
    return _latex_free(formatted.text.render_as("text"))


@cache
def _plain_style():
    """Made once: each new Style looks its plugins up among every installed package's entry
    points (about 60 ms), which made the reader's notebooks 3 s of each Sphinx build."""
    from pybtex.style.formatting.plain import Style

    return Style()


# --- Conversion ---------------------------------------------------------------------------------------

@dataclass
class Directive:
    name: str
    argument: str
    options: dict[str, str]
    body: str


@dataclass
class Context:
    """What one notebook's conversion needs and gathers."""

    source: Path
    glued: dict[str, dict]
    terms: dict[str, Term] = field(default_factory=dict)
    citations: list[str] = field(default_factory=list)
    figures: dict[str, int] = field(default_factory=dict)
    exercises: dict[str, int] = field(default_factory=dict)
    attachments: dict[str, dict] = field(default_factory=dict)


def glued_values(notebook) -> dict[str, dict]:
    """Every value the notebook glued: name → MIME bundle (without the record prefix)."""
    values = {}
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            name = output.get("metadata", {}).get("scrapbook", {}).get("name")
            if name:
                values[name] = {k.removeprefix(RECORD): v for k, v in output.get("data", {}).items()}
    return values


def split_blocks(text: str) -> list[str | Directive]:
    """Markdown split into plain text and the directives at its top level."""
    lines, blocks, plain, i = text.split("\n"), [], [], 0
    while i < len(lines):
        line = lines[i]
        opening = FENCE_OPEN.match(line)
        if not opening:
            fenced = PLAIN_FENCE.match(line)
            if fenced:  # a code block: kept whole, nothing in it is converted
                end = next((j for j in range(i + 1, len(lines)) if lines[j].strip() == fenced["fence"]), len(lines) - 1)
                plain.append(("\x00code", lines[i:end + 1]))
                i = end + 1
                continue
            plain.append(line)
            i += 1
            continue
        fence, depth, j = opening["fence"], 1, i + 1
        while j < len(lines):
            inner = FENCE_OPEN.match(lines[j])
            if inner and inner["fence"] == fence:
                depth += 1
            elif lines[j].strip() == fence:
                depth -= 1
                if depth == 0:
                    break
            j += 1
        body = lines[i + 1:j]
        options = {}
        while body and OPTION.match(body[0]):
            match = OPTION.match(body.pop(0))
            options[match["key"]] = match["value"]
        if plain:
            blocks.append(plain)
            plain = []
        blocks.append(Directive(opening["name"], opening["argument"], options, "\n".join(body).strip("\n")))
        i = j + 1
    if plain:
        blocks.append(plain)
    return blocks


def _quoted(markdown: str) -> str:
    return "\n".join(f"> {line}".rstrip() for line in markdown.split("\n"))


def convert_markdown(text: str, context: Context) -> str:
    """One Markdown text with every MyST role and directive turned into plain Markdown."""
    out = []
    for block in split_blocks(text):
        if isinstance(block, Directive):
            out.append(convert_directive(block, context))
            continue
        lines = []
        for item in block:
            if isinstance(item, tuple):
                lines.extend(item[1])
            elif not LABEL_LINE.match(item):
                lines.append(convert_roles(item, context))
        out.append("\n".join(lines))
    return "\n".join(out).strip("\n")


def convert_directive(directive: Directive, context: Context) -> str:
    name = directive.name
    if name == "include":
        included = (context.source.parent / directive.argument).resolve()
        saved, context.source = context.source, included
        try:
            return convert_markdown(included.read_text(encoding="utf-8"), context)
        finally:
            context.source = saved
    if name in ADMONITIONS:
        title = directive.argument or name.capitalize()
        body = convert_markdown(directive.body, context)
        return _quoted(f"**{convert_roles(title, context)}**\n\n{body}".rstrip())
    if name == "exercise":
        label = directive.options.get("label")
        number = context.exercises[label] if label else len(context.exercises) + 1
        title = f"Exercise {number}" + (f" ({convert_roles(directive.argument, context)})" if directive.argument else "")
        return _quoted(f"**{title}**\n\n{convert_markdown(directive.body, context)}".rstrip())
    if name == "glue:figure":
        key = directive.argument
        bundle = context.glued.get(key)
        if bundle is None or "image/svg+xml" not in bundle and "image/png" not in bundle:
            raise ValueError(f"{context.source.name}: no glued figure {key!r}")
        number = context.figures[directive.options.get("name", key)]
        mime = "image/svg+xml" if "image/svg+xml" in bundle else "image/png"
        attachment = f"{key}.{'svg' if mime == 'image/svg+xml' else 'png'}"
        context.attachments[attachment] = {mime: bundle[mime]}
        alt = markdown_text(directive.options.get("alt", f"Figure {number}"))
        caption = convert_markdown(directive.body, context)
        return f"![{alt}](attachment:{attachment})\n\n**Figure {number}.** {caption}".rstrip()
    raise ValueError(f"{context.source.name}: no reader's form for the directive {{{name}}}")


def _text_and_target(content: str) -> tuple[str | None, str]:
    match = TEXT_AND_TARGET.match(content)
    return (match["text"], match["target"].strip()) if match else (None, content.strip())


def _page_link(page: Path, text: str, context: Context) -> str:
    """A chapter notebook is beside this one in the kit: a link; any other page: its title."""
    if page.suffix == ".ipynb" and page.parent == NOTEBOOK_DIR.resolve():
        return f"[{text}]({page.name})" if page.name != context.source.name else text
    return f"{text} (a page of the book)"


def _heading_anchor(heading: str) -> str:
    """The id JupyterLab gives a heading: its text with spaces as hyphens."""
    return "#" + re.sub(r"\s+", "-", heading.strip())


def convert_roles(text: str, context: Context) -> str:
    def replace(match: re.Match) -> str:
        role, content = match["role"], match["content"]
        if role in ("glue", "glue:md", "glue:text"):
            key, _, form = content.partition(":")
            if "::" in content:
                raise ValueError(f"{context.source.name}: glue from another notebook ({content})")
            bundle = context.glued.get(key)
            if bundle is None:
                raise ValueError(f"{context.source.name}: nothing glued as {key!r}")
            if role == "glue:md" and "text/markdown" in bundle:
                value = bundle["text/markdown"]
                return convert_markdown(value, context) if form == "myst" else value
            return markdown_text(bundle["text/plain"])
        if role == "term":
            shown, target = _text_and_target(content)
            term = glossary().get(target.lower())
            if term is None:
                raise ValueError(f"{context.source.name}: {target!r} is not in the glossary")
            context.terms.setdefault(term.slug, term)
            return f"[{shown or target}](#{term.slug})"
        if role in ("cite:p", "cite:t"):
            keys = [k.strip() for k in content.split(",")]
            for key in keys:
                if key not in context.citations:
                    context.citations.append(key)
            cited = [authors_and_year(k) for k in keys]
            if role == "cite:p":
                return "(" + "; ".join(f"{names} {year}" for names, year in cited) + ")"
            return "; ".join(f"{names} ({year})" for names, year in cited)
        if role in ("ref", "numref"):
            shown, target = _text_and_target(content)
            if target in context.figures:
                return shown or f"Figure {context.figures[target]}"
            if target in context.exercises:
                return shown or f"Exercise {context.exercises[target]}"
            if target not in book_labels():
                raise ValueError(f"{context.source.name}: no label {target!r} in the book")
            page, heading = book_labels()[target]
            if page == context.source.resolve():
                return f"[{shown or heading}]({_heading_anchor(heading)})" if heading else (shown or target)
            return _page_link(page, shown or heading or target, context)
        if role == "doc":
            shown, target = _text_and_target(content)
            # Relative to the page; a notebook from outside the book (a test's) as if in notebooks/.
            base = context.source.parent if context.source.is_relative_to(paths.REPO_ROOT) else NOTEBOOK_DIR
            page = (base / target).resolve()
            page = next((p for p in book_pages() if p.with_suffix("") == page), None)
            if page is None:
                raise ValueError(f"{context.source.name}: no page {target!r} in the book")
            return _page_link(page, shown or book_pages()[page], context)
        if role.startswith("bdg-"):  # a badge (sphinx-design): its words, in bold
            return f"**{content}**"
        if role == "download":
            shown, target = _text_and_target(content)
            return f"[{shown or target}]({target})"
        raise ValueError(f"{context.source.name}: no reader's form for the role {{{role}}}")

    return ROLE.sub(replace, text)


# --- Notebooks ------------------------------------------------------------------------------------------

SOLUTION_START = re.compile(r"^:{3,}\{solution-start\}[ \t]*(?P<label>\S*)[ \t]*$")
SOLUTION_END = re.compile(r"^:{3,}\{solution-end\}[ \t]*$")


def _solution_segments(source: str) -> list[tuple[str, str | None]]:
    """A Markdown cell cut at its solution fences: ("text", None), ("start", label), ("end", None)."""
    segments, lines, kept = [], source.split("\n"), []
    i = 0
    while i < len(lines):
        start, end = SOLUTION_START.match(lines[i]), SOLUTION_END.match(lines[i])
        if start or end:
            segments.append(("text", "\n".join(kept)))
            kept = []
            i += 1
            if start:
                while i < len(lines) and (OPTION.match(lines[i])):
                    i += 1
                # ":::" closing the solution-start fence itself
                if i < len(lines) and re.fullmatch(r":{3,}[ \t]*", lines[i]):
                    i += 1
                segments.append(("start", start["label"]))
            else:
                if i < len(lines) and re.fullmatch(r":{3,}[ \t]*", lines[i]):
                    i += 1
                segments.append(("end", None))
            continue
        kept.append(lines[i])
        i += 1
    segments.append(("text", "\n".join(kept)))
    return segments


def number_figures_and_exercises(notebook, context: Context) -> None:
    """Figures and exercises numbered in reading order, so that a reference may come first."""
    for cell in notebook.cells:
        if cell.cell_type != "markdown":
            continue
        for block in split_blocks(cell.source):
            if isinstance(block, Directive) and block.name == "glue:figure":
                name = block.options.get("name", block.argument)
                context.figures.setdefault(name, len(context.figures) + 1)
            elif isinstance(block, Directive) and block.name == "exercise":
                label = block.options.get("label", f"exercise-{len(context.exercises) + 1}")
                context.exercises.setdefault(label, len(context.exercises) + 1)


def _markdown_cell(source: str, cell_id: str, attachments: dict | None = None):
    cell = nbformat.v4.new_markdown_cell(source)
    cell.id = cell_id
    if attachments:
        cell.attachments = attachments
    return cell


def _code_cell_for_reader(cell, context: Context):
    cell = copy.deepcopy(cell)
    tags = set(cell.metadata.get("tags", []))
    cell.metadata.pop("execution", None)
    if tags & HIDDEN_TAGS:
        cell.metadata.setdefault("jupyter", {})["source_hidden"] = True
    if tags & OUTPUTS_NOT_SHOWN_TAGS:
        cell.outputs = []
    cell.outputs = [o for o in cell.outputs
                    if not (o.get("data") and all(k.startswith(RECORD) for k in o["data"]))]
    cell.execution_count = None
    for output in cell.outputs:
        # Pages such as the audit's print MyST as Markdown outputs: shown as plain Markdown too.
        if "text/markdown" in output.get("data", {}):
            output["data"]["text/markdown"] = convert_markdown(output["data"]["text/markdown"], context)
        if "execution_count" in output:
            output["execution_count"] = None
    return cell


def reader_notebook(source: Path, repository_url: str | None = None, branch: str | None = None):
    """The reader's notebook made from the book's notebook ``source`` (with its outputs)."""
    source = Path(source).resolve()
    notebook = nbformat.read(source, as_version=4)
    context = Context(source=source, glued=glued_values(notebook))
    if repository_url is None:
        repository_url, branch = repository()
    number_figures_and_exercises(notebook, context)
    main_cells, solutions, current = [], [], None  # solutions: (label, cells)

    def place(cell):
        (current[1] if current is not None else main_cells).append(cell)

    for index, cell in enumerate(notebook.cells):
        cell_id = cell.get("id") or f"cell-{index:03d}"
        if cell.cell_type == "code":
            place(_code_cell_for_reader(cell, context))
            continue
        if cell.cell_type != "markdown":
            place(copy.deepcopy(cell))
            continue
        for part, (kind, value) in enumerate(_solution_segments(cell.source)):
            if kind == "start":
                current = (value, [])
                solutions.append(current)
            elif kind == "end":
                current = None
            elif value.strip():
                context.attachments = {}
                text = convert_markdown(value, context)
                if text.strip():
                    place(_markdown_cell(text, f"{cell_id}-{part}" if part else cell_id, context.attachments))

    cells = [nbformat.v4.new_code_cell(colab_cell_source(repository_url, branch))]
    cells[0].id = "colab-setup"
    cells[0].metadata["jupyter"] = {"source_hidden": True}
    cells += main_cells
    if solutions:
        cells.append(_markdown_cell("## Solutions", "reader-solutions"))
        for number, (label, solution_cells) in enumerate(solutions, start=1):
            exercise = context.exercises.get(label)
            heading = f"### Solution to Exercise {exercise}" if exercise else f"### Solution {number}"
            cells.append(_markdown_cell(heading, f"reader-solution-{number}"))
            cells += solution_cells
    if context.terms:
        lines = ["## Terms", "", "The terms this notebook links to, from the book's bilingual glossary.", ""]
        for slug, term in sorted(context.terms.items(), key=lambda item: item[1].names[0].lower()):
            names = " / ".join(f"**{markdown_text(n)}**" for n in term.names)
            lines.append(f'<a id="{slug}"></a>{names}: {convert_roles(term.definition, context)}\n')
        cells.append(_markdown_cell("\n".join(lines).rstrip(), "reader-terms"))
    if context.citations:
        lines = ["## References", ""]
        for key in sorted(context.citations, key=lambda k: (authors_and_year(k), k)):
            names, year = authors_and_year(key)
            lines.append(f"- **{markdown_text(f'{names} {year}')}.** {markdown_text(reference_text(key))}")
        cells.append(_markdown_cell("\n".join(lines), "reader-references"))

    reader = nbformat.v4.new_notebook(cells=cells, metadata=copy.deepcopy(notebook.metadata))
    reader.nbformat_minor = max(notebook.nbformat_minor, 5)
    return reader


def write_reader_notebooks(out: Path, sources: list[Path] | None = None) -> list[Path]:
    """Write the reader's notebook of each source (default: every chapter) into ``out``."""
    sources = sources or sorted(NOTEBOOK_DIR.glob("*.ipynb"))
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for source in sources:
        target = out / Path(source).name
        nbformat.write(reader_notebook(source), target)
        written.append(target)
    return written


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--in-place", action="store_true", help="overwrite the given notebooks")
    arguments = parser.parse_args(argv)
    sources = [p.resolve() for p in arguments.notebooks] or sorted(NOTEBOOK_DIR.glob("*.ipynb"))
    try:
        if arguments.in_place:
            readers = [(source, reader_notebook(source)) for source in sources]
            for source, reader in readers:
                nbformat.write(reader, source)
            print(f"converted {len(readers)} notebooks in place")
        else:
            written = write_reader_notebooks(arguments.out, sources)
            print(f"wrote {len(written)} reader's notebooks into {arguments.out}")
    except (ValueError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
