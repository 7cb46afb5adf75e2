"""How results are handed to the pages."""

import pandas as pd

from evidence.report import Table, format_p_value, interval_text, show_table


def test_p_values_print_as_journals_print_them():
    assert format_p_value(0.0452) == "0.045"
    assert format_p_value(0.0009) == "<0.001"
    assert format_p_value(0.001) == "0.001"


def _fresh_table(**kwargs):
    Table.shown_so_far = 0
    return show_table(pd.DataFrame({"arm": ["SMT"], "rate": [0.5]}), rate="{:.2f}", **kwargs)


def test_tables_have_no_memory_address_and_a_stable_id():
    table = _fresh_table(caption="Survival by arm")
    assert repr(table) == "Table 1. Survival by arm\nArm Rate\nSMT 0.50"
    assert table._repr_html_() == _fresh_table(caption="Survival by arm")._repr_html_()
    assert " at 0x" not in table._repr_html_()


def test_tables_are_numbered_in_order_and_captioned():
    first = _fresh_table(caption="First")
    second = show_table(pd.DataFrame({"a": [1]}), caption="Second")
    assert "<caption>Table 1. First</caption>" in first._repr_html_()
    assert "<caption>Table 2. Second</caption>" in second._repr_html_()
    assert 'class="table-scroll"' in second._repr_html_()


def test_cells_print_as_a_journal_prints_them():
    frame = pd.DataFrame({
        "flag": [True, False], "p": [7.19e-07, 0.036], "values": ["65.2;59.0", "text"],
        "source": ["xiao2019", "zang2022;zang2023"], "missing": [float("nan"), -1.5], "year": [2015, 1019],
    })
    printed = repr(show_table(frame))
    for wrong in ("True", "False", "e-07", "0.036000", "65.2;59.0", "nan", "xiao2019"):
        assert wrong not in printed
    for right in ("yes", "no", "0.000000719", "0.036", "65.2, 59.0", "Xiao et al. 2019", "—", "−1.5", "2015"):
        assert right in printed
    assert "Zang et al. 2022; Zang et al. 2023" in printed


def test_intervals_print_with_a_true_minus_sign():
    assert interval_text(6.5, -1.1, 13.9) == "6.5 (−1.1 to 13.9)"


def test_table_html_shows_data_as_text_never_as_markup():
    payload = "<script>alert(1)</script>"
    frame = pd.DataFrame({"quote <b>": [payload, None], "pair": [("<img src=x onerror=alert(2)>", 1), 3], "p": [0.5, 0.25]})
    page = show_table(frame, p="{:.2f}")._repr_html_()
    assert "<script" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Quote &lt;b&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    assert ">0.50<" in page and ">—<" in page


def test_glue_text_stores_text_and_glue_markdown_stores_markup(monkeypatch):
    import myst_nb

    from evidence import report

    glued = {}
    monkeypatch.setattr(myst_nb, "glue", lambda name, value, display: glued.update({name: value}))
    report.glue_text("quote", "<b>37%</b> {raw:html}`x`")
    report.glue_markdown("links", "{ref}`LFR-001 <claim-lfr-001>`")
    assert glued["quote"]._repr_markdown_() == "\\<b\\>37\\%\\<\\/b\\> \\{raw\\:html\\}\\`x\\`"
    assert repr(glued["quote"]) == "<b>37%</b> {raw:html}`x`"  # plain text, for {glue:text} on other pages
    assert glued["links"]._repr_markdown_() == "{ref}`LFR-001 <claim-lfr-001>`"
