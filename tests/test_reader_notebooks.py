"""The reader's notebooks (evidence/reader_notebooks.py): MyST markup in, plain Markdown out.

The unit tests feed small notebooks whose expected output is written here by hand. That every
reader's notebook runs from the unpacked workshop kit, in the kit's own environment, is
tests/test_workshop.py's slow test.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from evidence import reader_notebooks
from evidence.reader_notebooks import reader_notebook

URL, BRANCH = "https://example.org/owner/book", "main"
LEFTOVER_MARKUP = re.compile(r"\{glue|\{term\}|\{cite|\{include\}")


def glue_output(name: str, markdown: str, plain: str) -> dict:
    return nbformat.v4.new_output("display_data", data={
        "application/papermill.record/text/markdown": markdown,
        "application/papermill.record/text/plain": plain},
        metadata={"scrapbook": {"mime_prefix": "application/papermill.record/", "name": name}})


def make_notebook(tmp_path: Path, *cells) -> Path:
    notebook = nbformat.v4.new_notebook(cells=list(cells))
    for number, cell in enumerate(notebook.cells):
        cell.id = f"c{number}"
    path = tmp_path / "notebooks" / "chapter.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, path)
    return path


def glue_cell(*outputs, tags=("remove-cell",)):
    cell = nbformat.v4.new_code_cell("glue_text('x', '1')", metadata={"tags": list(tags)})
    cell.outputs = list(outputs)
    return cell


def markdown_sources(notebook) -> list[str]:
    return [c.source for c in notebook.cells if c.cell_type == "markdown"]


def test_glue_terms_and_citations_become_plain_markdown(tmp_path):
    path = make_notebook(
        tmp_path,
        glue_cell(glue_output("share", "12\\.5\\%", "12.5%")),
        nbformat.v4.new_markdown_cell(
            "(my-label)=\n# A chapter\n\nA share of {glue:md}`share`, for {term}`liver support <ALSS>` "
            "{cite:p}`xiao2019,xiao2021`; so says {cite:t}`ocskay2021`."),
    )
    reader = reader_notebook(path, URL, BRANCH)
    assert markdown_sources(reader)[0] == (
        "# A chapter\n\nA share of 12\\.5\\%, for [liver support](#term-alss) "
        "(Xiao et al. 2019; Xiao et al. 2021); so says Ocskay et al. (2021).")
    terms, references = markdown_sources(reader)[-2:]
    assert terms.startswith("## Terms")
    assert '<a id="term-alss"></a>**ALSS** / **Artificial liver support system**' in terms
    assert references.splitlines()[0] == "## References"
    assert [line.split(".**")[0] for line in references.splitlines()[2:]] == [
        "- **Ocskay et al\\. 2021", "- **Xiao et al\\. 2019", "- **Xiao et al\\. 2021"]


def test_glue_text_uses_the_plain_form_and_myst_glue_is_converted_again(tmp_path):
    path = make_notebook(
        tmp_path,
        glue_cell(glue_output("n", "3\\*", "3*"), glue_output("links", "{ref}`LFR-011 <claim-lfr-011>`", "x")),
        nbformat.v4.new_markdown_cell("{glue:text}`n` and {glue:md}`links:myst`."),
    )
    assert markdown_sources(reader_notebook(path, URL, BRANCH))[0] == "3\\* and [LFR-011](audit-lfr.ipynb)."


def test_include_admonition_and_dropdown_become_quotes(tmp_path):
    snippet = tmp_path / "snippet.md"
    snippet.write_text(":::{admonition} Careful\n:class: warning\nRead {term}`MELD score` first.\n:::\n")
    path = make_notebook(
        tmp_path,
        nbformat.v4.new_markdown_cell("```{include} ../snippet.md\n```\n\n:::{dropdown} More\nHidden *text*.\n:::"),
    )
    assert markdown_sources(reader_notebook(path, URL, BRANCH))[0] == (
        "> **Careful**\n>\n> Read [MELD score](#term-meld-score) first.\n\n"
        "> **More**\n>\n> Hidden *text*.")


def test_exercises_stay_and_solutions_move_to_the_end(tmp_path):
    path = make_notebook(
        tmp_path,
        nbformat.v4.new_markdown_cell(
            "## Exercises\n\n:::{exercise}\n:label: ex-one\n\nAdd 1 and 1.\n:::\n\n"
            ":::{solution-start} ex-one\n:class: dropdown\n:::"),
        nbformat.v4.new_code_cell("print(1 + 1)"),
        nbformat.v4.new_markdown_cell("It is 2.\n\n:::{solution-end}\n:::\n\nSee {ref}`ex-one`."),
    )
    reader = reader_notebook(path, URL, BRANCH)
    kinds = [(c.cell_type, c.source) for c in reader.cells[1:]]
    assert kinds == [
        ("markdown", "## Exercises\n\n> **Exercise 1**\n>\n> Add 1 and 1."),
        ("markdown", "See Exercise 1."),
        ("markdown", "## Solutions"),
        ("markdown", "### Solution to Exercise 1"),
        ("code", "print(1 + 1)"),
        ("markdown", "It is 2."),
    ]


def test_glued_figure_is_attached_with_its_number_and_caption(tmp_path):
    figure = nbformat.v4.new_output("display_data", data={
        "application/papermill.record/image/svg+xml": "<svg/>", "application/papermill.record/text/plain": "F"},
        metadata={"scrapbook": {"mime_prefix": "application/papermill.record/", "name": "fig-a"}})
    path = make_notebook(
        tmp_path,
        nbformat.v4.new_markdown_cell("{numref}`fig-a` shows it."),
        glue_cell(figure),
        nbformat.v4.new_markdown_cell("```{glue:figure} fig-a\n:name: fig-a\n:alt: Dots: two.\n\nTwo dots.\n```"),
    )
    reader = reader_notebook(path, URL, BRANCH)
    assert markdown_sources(reader) == [
        "Figure 1 shows it.", "![Dots\\: two\\.](attachment:fig-a.svg)\n\n**Figure 1.** Two dots."]
    assert reader.cells[-1].attachments == {"fig-a.svg": {"image/svg+xml": "<svg/>"}}
    # The glue record, which no reader sees, is dropped; the cell the book removes is kept, folded.
    assert reader.cells[2].outputs == [] and reader.cells[2].metadata["jupyter"] == {"source_hidden": True}


def test_doc_and_ref_name_other_pages(tmp_path):
    path = make_notebook(tmp_path, nbformat.v4.new_markdown_cell(
        "{doc}`alss-survival`, {doc}`the methods <../book/methods>` and {ref}`chapter-alss`."))
    assert markdown_sources(reader_notebook(path, URL, BRANCH))[0] == (
        "[Artificial liver support: does it improve survival?](alss-survival.ipynb), "
        "the methods (a page of the book) and "
        "[Artificial liver support: does it improve survival?](alss-survival.ipynb).")


def test_code_blocks_are_left_as_they_are(tmp_path):
    path = make_notebook(tmp_path, nbformat.v4.new_markdown_cell("```python\nx = '{term}`a`'\n```"))
    assert markdown_sources(reader_notebook(path, URL, BRANCH))[0] == "```python\nx = '{term}`a`'\n```"


def test_unknown_markup_is_refused(tmp_path):
    path = make_notebook(tmp_path, nbformat.v4.new_markdown_cell("{math}`x^2`"))
    with pytest.raises(ValueError, match="math"):
        reader_notebook(path, URL, BRANCH)


def test_colab_cell_comes_first_and_does_nothing_elsewhere(tmp_path):
    path = make_notebook(tmp_path, nbformat.v4.new_markdown_cell("Text."))
    first = reader_notebook(path, URL, BRANCH).cells[0]
    assert first.cell_type == "code" and "google.colab" in first.source
    assert f'"{URL}", "{BRANCH}"' in first.source
    # Run here (not on Colab), it downloads and installs nothing.
    result = subprocess.run([sys.executable, "-c", first.source + "\nprint(sorted(k for k in dir() if not k.startswith('_')))"],
                            capture_output=True, text=True, check=True, cwd=tmp_path, env={**os.environ, "no_proxy": "*"})
    assert result.stdout.strip() == "['sys']"
    assert list(tmp_path.iterdir()) == [tmp_path / "notebooks"]


def test_the_repository_address_is_the_one_setting_in_config():
    url, branch = reader_notebooks.repository()
    assert url.startswith("https://") and branch


def test_every_chapter_converts_and_no_markup_remains():
    for source in sorted(reader_notebooks.NOTEBOOK_DIR.glob("*.ipynb")):
        reader = reader_notebook(source)
        for cell in reader.cells:
            assert not LEFTOVER_MARKUP.search(cell.source), (source.name, cell.source[:200])
        assert "(chapter-" not in "".join(markdown_sources(reader))
