"""How results are handed to the pages."""

import pandas as pd

from evidence.report import format_p_value, show_table


def test_p_values_print_as_journals_print_them():
    assert format_p_value(0.0452) == "0.045"
    assert format_p_value(0.0009) == "<0.001"
    assert format_p_value(0.001) == "0.001"


def test_tables_have_no_memory_address_and_a_stable_id():
    table = show_table(pd.DataFrame({"arm": ["SMT"], "rate": [0.5]}), rate="{:.2f}")
    assert repr(table) == "arm rate\nSMT 0.50"
    assert table._repr_html_() == show_table(pd.DataFrame({"arm": ["SMT"], "rate": [0.5]}), rate="{:.2f}")._repr_html_()
    assert " at 0x" not in table._repr_html_()


def test_table_html_shows_data_as_text_never_as_markup():
    payload = "<script>alert(1)</script>"
    frame = pd.DataFrame({"quote <b>": [payload, None], "pair": [("<img src=x onerror=alert(2)>", 1), 3], "p": [0.5, 0.25]})
    page = show_table(frame, p="{:.2f}")._repr_html_()
    assert "<script" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "quote &lt;b&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    assert ">0.50<" in page and ">—<" in page


def test_glue_text_stores_text_and_glue_markdown_stores_markup(monkeypatch):
    import myst_nb

    from evidence import report

    glued = {}
    monkeypatch.setattr(myst_nb, "glue", lambda name, value, display: glued.update({name: value.data}))
    report.glue_text("quote", "<b>37%</b> {raw:html}`x`")
    report.glue_markdown("links", "{ref}`LFR-001 <claim-lfr-001>`")
    assert glued["quote"] == "\\<b\\>37\\%\\<\\/b\\> \\{raw\\:html\\}\\`x\\`"
    assert glued["links"] == "{ref}`LFR-001 <claim-lfr-001>`"
