"""Small fixes that make the built site work offline and load without console errors.

- The data tables are copied into the site (``_build/html/data/``), so the Datasets
  appendix links to CSV files a reader can open with no internet.
- sphinx-thebe registers its inline configuration script twice, which makes the browser
  report "Identifier 'THEBE_JS_URL' has already been declared"; each page keeps one copy.
- The theme needs a colour mode; without one it logs an error on every page.
- Sphinx's ``.buildinfo`` hashes the configuration, and the theme's template and static
  folders are absolute paths into the Python environment, so two environments would give two
  hashes; the hash is taken over those paths with the environment's and the sources' own
  locations left out, so the file is the same wherever the book is built.
- Every page ends with a "Report an error" link to the errata page.
- The ".ipynb" download button of a chapter offers the reader's notebook
  (``evidence/reader_notebooks.py``: numbers in place, no MyST markup, solutions at the end)
  instead of the book's source, and the workshop kit is put into the site
  (``_downloads/recomputing-the-evidence-workshop.zip``), linked from the landing and
  workshop pages. ``make pdf`` adds the whole-book PDF beside it.
- docutils marks a reference list as an ARIA ``list`` whose entries have the deprecated
  role ``doc-biblioentry``; a list must hold list items (axe-core: aria-required-children,
  critical), so the entries become ``listitem``.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = REPO_ROOT / "data"


def link_the_other_edition(app, pagename, templatename, context, doctree):
    """Every page opens with a link to the same page in the other edition: the English site is
    at the root, the Chinese one (tools/chinese_edition.py) in zh/."""
    if "body" not in context or pagename in ("search", "genindex"):
        return
    up = "../" * pagename.count("/")
    chinese = (app.config.language or "en").startswith("zh")
    if chinese:
        href, text, language = f"../{up}{pagename}.html", "Read this page in English", "en"
    else:
        href, text, language = f"{up}zh/{pagename}.html", "阅读本页中文版", "zh-Hans"
    link = f'<p class="edition-switch"><a href="{href}" hreflang="{language}" lang="{language}">{text}</a></p>\n'
    # Every Chinese page says it is not medical advice, also where the English page does not.
    if chinese and "不构成医疗建议" not in context["body"]:
        link += '<p class="edition-note">本书只核查已发表的数字，不构成医疗建议，也不推荐任何治疗。</p>\n'
    context["body"] = link + context["body"]


def fix_page_context(app, pagename, templatename, context, doctree):
    # Registered twice, the same inline script may appear with filename None and "".
    if not context.get("default_mode"):
        context["default_mode"] = "auto"
    seen, unique = set(), []
    for script in context.get("script_files", []):
        key = (getattr(script, "filename", script) or "", repr(sorted(getattr(script, "attributes", {}).items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique
    if "body" in context:
        context["body"] = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')
        # Every page ends with a way to report an error (the errata page says how).
        if "pathto" in context and pagename != "book/errata":
            errata = context["pathto"]("book/errata") + "#report-an-error"
            if (app.config.language or "en").startswith("zh"):
                context["body"] += (f'<p class="report-an-error"><a href="{errata}">报告本页的错误</a>'
                                    "：应写明什么，寄往何处。</p>")
            else:
                context["body"] += (f'<p class="report-an-error"><a href="{errata}">Report an error on this page</a>'
                                    " — what to include and where to send it.</p>")


def copy_data_tables(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    # The book's own CSS and images: Sphinx copies _static only on some incremental builds,
    # so a changed stylesheet could be left out; copying it here keeps every build current.
    static = Path(app.outdir) / "_static"
    for path in sorted((REPO_ROOT / "_static").glob("*")):
        shutil.copyfile(path, static / path.name)
    target = Path(app.outdir) / "data"
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(DATA_DIR.glob("*.csv")) + [DATA_DIR / "datapackage.json"]:
        shutil.copyfile(path, target / path.name)


def readers_notebooks_and_kit(app, exception):
    """The download button's notebooks become the reader's notebooks; the kit joins the site."""
    if exception is not None or app.builder.name != "html":
        return
    import nbformat

    from evidence import workshop
    from evidence.reader_notebooks import reader_notebook

    sources = Path(app.outdir) / "_sources" / "notebooks"
    made = {}
    for source in sorted((REPO_ROOT / "notebooks").glob("*.ipynb")):
        text = nbformat.writes(reader_notebook(source)) + "\n"
        made[f"notebooks/{source.name}"] = text.encode("utf-8")
        if sources.is_dir():
            (sources / source.name).write_text(text, encoding="utf-8")
    workshop.build(Path(app.outdir) / "_downloads" / workshop.ZIP_NAME, notebooks=made)


def path_independent_build_info(app):
    build_info = getattr(app.builder, "build_info", None)
    if build_info is None:
        return
    from sphinx.builders.html import _stable_hash

    locations = {str(Path(sys.prefix)): "<environment>", str(Path(sys.base_prefix)): "<python>",
                 str(Path(app.srcdir)): "<sources>"}

    def without_locations(value):
        if isinstance(value, str):
            for location, name in locations.items():
                if value == location or value.startswith(location + "/"):
                    return name + value[len(location):]
            return value
        if isinstance(value, (list, tuple, set, frozenset)):
            return type(value)(without_locations(v) for v in value)
        if isinstance(value, dict):
            return {k: without_locations(v) for k, v in value.items()}
        return value

    # The same values Sphinx hashes (those that change the HTML), minus where they live.
    values = {option.name: without_locations(option.value) for option in app.config.filter(frozenset({"html"}))}
    build_info.config_hash = _stable_hash(values)


# --- Search: Chinese words and numbers ----------------------------------------------------------
# html_search_language "zh" segments Chinese with jieba. Two fixes make it find what readers type:
# English words are stemmed with Porter, as the browser's search script stems the query (Sphinx's
# Chinese index uses Porter2, so "significantly" was indexed in a form no query matched); and the
# script no longer drops a query that is a number, so "790" finds the pages that print it.
def _chinese_and_english_search():
    import snowballstemmer
    from sphinx.search.zh import SearchChinese

    class ChineseAndEnglishSearch(SearchChinese):
        # Sphinx 7 keeps every English word it has seen in a list and looks each word up in it
        # (7 s of a 28-s build, growing with the square of the book). A set gives the same answers.
        latin_terms = WordSet()

        def init(self, options):
            super().init(options)
            self.stemmer = snowballstemmer.stemmer("porter")

    return ChineseAndEnglishSearch


class WordSet(set):
    """A set that SearchChinese.split can extend as it extends its list."""

    extend = set.update


NUMBER_QUERY_FILTER = ' ||\n        queryTerm.match(/^\\d+$/)\n'


def let_search_find_numbers(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    script = Path(app.outdir) / "_static" / "searchtools.js"
    text = script.read_text(encoding="utf-8")
    if NUMBER_QUERY_FILTER in text:
        script.write_text(text.replace(NUMBER_QUERY_FILTER, "\n"), encoding="utf-8")
    elif "queryTerm.match(/^\\d+$/)" in text:
        raise RuntimeError("searchtools.js changed: update NUMBER_QUERY_FILTER in book/_ext/reader_site.py")


def drop_unused_icon_script(app, exception) -> None:
    """The theme copies fontawesome.js (1.5 MB) into every site; no page loads it any more
    (book/_templates/static/webpack-macros.html), so it is left out of the site."""
    if exception is not None or app.builder.format != "html":
        return
    for leftover in (Path(app.outdir) / "_static" / "scripts").glob("fontawesome.js*"):
        leftover.unlink()


# Font Awesome's stylesheet rules and font hold about 2,000 icons; the book shows about twenty.
ICON_RULE = re.compile(r"(?<=\})((?:\.fa-[a-z0-9-]+:before,?)+)\{content:\"\\[0-9a-f]+\"\}")
ICON_CLASS = re.compile(r"\bfa-[a-z0-9-]+")
ICON_CODEPOINT = re.compile(r'"\\([ef][0-9a-f]{3})"')
ICON_FONTS = ("fa-solid-900", "fa-regular-400")


def slim_the_icon_font(app, exception) -> None:
    """Keep only the icons the pages use: the theme's stylesheet loses the rules of the others
    (about 70 kB), and the icon fonts are cut down to the glyphs left, as WOFF (the theme's
    WOFF2 would need the brotli package to rewrite)."""
    if exception is not None or app.builder.format != "html":
        return
    from fontTools import subset

    site = Path(app.outdir)
    stylesheet = site / "_static" / "styles" / "pydata-sphinx-theme.css"
    if not stylesheet.is_file():
        return
    used = set()
    for page in [*site.rglob("*.html"), *(site / "_static").rglob("*.js")]:
        used.update(ICON_CLASS.findall(page.read_text(encoding="utf-8", errors="ignore")))
    css = stylesheet.read_text(encoding="utf-8")

    def keep_if_used(match: re.Match) -> str:
        names = {selector[1:].removesuffix(":before") for selector in match.group(1).rstrip(",").split(",")}
        return match.group(0) if names & used else ""

    css = ICON_RULE.sub(keep_if_used, css)
    codepoints = sorted({int(code, 16) for code in ICON_CODEPOINT.findall(css)})
    fonts = site / "_static" / "vendor" / "fontawesome" / "webfonts"
    for name in ICON_FONTS:
        if not (fonts / f"{name}.ttf").is_file():
            continue
        options = subset.Options()
        options.flavor = "woff"
        options.layout_features = []
        options.name_IDs = ["*"]
        font = subset.load_font(str(fonts / f"{name}.ttf"), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=codepoints)
        subsetter.subset(font)
        subset.save_font(font, str(fonts / f"{name}-book.woff"), options)
        for unused in (fonts / f"{name}.woff2", fonts / f"{name}.ttf"):
            unused.unlink()
        css = css.replace(f'url(../vendor/fontawesome/webfonts/{name}.woff2) format("woff2"),'
                          f'url(../vendor/fontawesome/webfonts/{name}.ttf) format("truetype")',
                          f'url(../vendor/fontawesome/webfonts/{name}-book.woff) format("woff")')
    stylesheet.write_text(css, encoding="utf-8")


# The theme loads Sphinx's search index and tools on every page for search-as-you-type, a
# feature this book leaves off: only the search page uses them (about 190 kB a page).
UNUSED_SEARCH_SCRIPTS = re.compile(
    r'\s*<script src="(?:\.\./)*(?:_static/searchtools\.js|_static/language_data\.js|searchindex\.js)"></script>')


def drop_unused_search_scripts(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    for page in Path(app.outdir).rglob("*.html"):
        if page.name == "search.html" or "_static" in page.parts:
            continue
        text = page.read_text(encoding="utf-8")
        lighter = UNUSED_SEARCH_SCRIPTS.sub("", text)
        if lighter != text:
            page.write_text(lighter, encoding="utf-8")


def let_translated_text_paste_glued_values() -> None:
    """In the Chinese edition Sphinx parses each translated paragraph on its own, as a new
    document without the notebook's glued values, so a {glue} role in it would find nothing
    (myst-nb keeps them only while it parses the notebook). Keep each notebook's renderer, and
    let a glue lookup that fails while its paragraphs are translated use that notebook's."""
    from myst_nb import sphinx_ as nb_sphinx
    from myst_nb.ext.glue import directives, roles, utils
    from sphinx.transforms import i18n

    # Sphinx reads one document at a time: it parses it, then translates it.
    latest_renderer: list = []
    translating: list[bool] = []
    original_load_renderer = nb_sphinx.load_renderer
    original_apply = i18n.Locale.apply
    original_retrieve = utils.retrieve_glue_data

    def load_renderer(name):
        renderer_class = original_load_renderer(name)

        def make(mdit_renderer, logger):
            renderer = renderer_class(mdit_renderer, logger)
            latest_renderer[:] = [renderer]
            return renderer
        return make

    def apply(self, **kwargs):
        translating.append(True)
        try:
            return original_apply(self, **kwargs)
        finally:
            translating.pop()
            latest_renderer.clear()

    def retrieve(document, key):
        try:
            return original_retrieve(document, key)
        except utils.RetrievalError:
            if not translating or not latest_renderer:
                raise
            return original_retrieve({"nb_renderer": latest_renderer[0]}, key)

    nb_sphinx.load_renderer = load_renderer
    i18n.Locale.apply = apply
    for module in (utils, roles, directives):
        module.retrieve_glue_data = retrieve


def setup(app):
    from sphinx.search import languages

    let_translated_text_paste_glued_values()

    languages["zh"] = _chinese_and_english_search()
    app.connect("build-finished", let_search_find_numbers)
    # Late, after the theme and the other extensions have added their folders.
    app.connect("builder-inited", path_independent_build_info, priority=900)
    app.connect("html-page-context", fix_page_context)
    app.connect("html-page-context", link_the_other_edition)
    app.connect("build-finished", copy_data_tables)
    app.connect("build-finished", drop_unused_icon_script)
    app.connect("build-finished", drop_unused_search_scripts)
    app.connect("build-finished", slim_the_icon_font)
    app.connect("build-finished", readers_notebooks_and_kit)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
