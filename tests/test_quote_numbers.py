"""The numbers a quote states, however the article wrote them (values read by hand)."""

import pytest

from evidence.quote_numbers import numbers_in, value_in_quote


@pytest.mark.parametrize(
    "quote, number",
    [
        ("约 37%的肝衰竭患者", 37),
        ("每年约10万名患者需要肝移植", 100_000),
        ("50-80万元", 800_000),
        ("2.0×10^6个细胞", 2_000_000),
        ("接受三次臍帶間充質干細胞", 3),
        ("约三成患者", 30),
        ("不足十分之一", 0.1),
        ("III 级", 3),
        ("为全球数亿肝病患者", 100_000_000),  # 亿 read as its multiplier
        ("有时仅需数周时间", 1),  # 数周: a few weeks, recorded as the unit
        ("研究对象为一位脑死亡的患者", 1),
    ],
)
def test_numbers_written_every_way_are_read(quote, number):
    assert value_in_quote(str(number), quote)


def test_a_number_not_in_the_quote_is_not_found():
    assert not value_in_quote("38", "约 37%的肝衰竭患者")
    assert 1.0 not in numbers_in("数据显示")  # 数 without a counter of time is not a number
