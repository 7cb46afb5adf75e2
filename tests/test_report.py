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
