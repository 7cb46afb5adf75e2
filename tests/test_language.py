"""The Chinese edition's text for what the code writes (evidence.language), and its catalogue."""

import collections
import re

import pytest
from babel.messages.pofile import read_po

from evidence import language
from evidence.style import wrapped, wrapped_chinese


@pytest.fixture
def chinese_catalogue(tmp_path, monkeypatch):
    """A small generated.po, and the Chinese edition switched on."""
    po = tmp_path / "generated.po"
    po.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "{0} of {1} patients"\nmsgstr "{1} 名患者中的 {0} 名"\n\n'
        'msgid "confirmed"\nmsgstr "已证实"\n\n'
        'msgid "Xiao et al. 2019"\nmsgstr "Xiao 等 2019"\n\n'
        'msgid "{0} ({1} to {2})"\nmsgstr "{0}（{1} 至 {2}）"\n\n'
        'msgid "Review article · published by 边浩欣, 薛春漫 (华北理工大学) · {0}"\n'
        'msgstr "综述 · 发布者：边浩欣、薛春漫（华北理工大学） · {0}"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(language, "CATALOGUE", po)
    monkeypatch.setenv("BOOK_LANGUAGE", "zh_CN")
    monkeypatch.delenv("BOOK_COLLECT_MESSAGES", raising=False)
    language.catalogue.cache_clear()
    language.translations.cache_clear()
    yield po
    language.catalogue.cache_clear()
    language.translations.cache_clear()


def test_numbers_become_placeholders_but_words_with_digits_do_not():
    assert language.message_of("67 of 310 patients") == ("{0} of {1} patients", ["67", "310"])
    assert language.message_of("HbA1c below 7.0%") == ("HbA1c below {0}%", ["7.0"])
    assert language.message_of("LF5-044 and ACLF-3") == ("LF5-{0} and ACLF-{1}", ["044", "3"])
    assert language.message_of("6.5 (−1.1 to 13.9)") == ("{0} ({1} to {2})", ["6.5", "−1.1", "13.9"])
    assert language.message_of("3,456 characters") == ("{0} characters", ["3,456"])


def test_the_english_edition_leaves_text_as_it_is(monkeypatch):
    monkeypatch.delenv("BOOK_LANGUAGE", raising=False)
    assert language.edition() == "en"
    assert language.translated("67 of 310 patients") == "67 of 310 patients"


def test_the_chinese_edition_translates_and_puts_the_numbers_back_in_its_own_order(chinese_catalogue):
    assert language.translated("67 of 310 patients") == "310 名患者中的 67 名"
    assert language.translated("confirmed") == "已证实"
    assert language.translated("Xiao et al. 2019") == "Xiao 等 2019"  # a whole text is found before its template
    assert language.translated("6.5 (−1.1 to 13.9)") == "6.5（−1.1 至 13.9）"


def test_an_english_sentence_about_chinese_names_is_translated(chinese_catalogue):
    # More Chinese characters than Latin letters, yet English words around them.
    assert language.translated("Review article · published by 边浩欣, 薛春漫 (华北理工大学) · 2026") == \
        "综述 · 发布者：边浩欣、薛春漫（华北理工大学） · 2026"


def test_text_without_words_or_already_chinese_is_left_alone(chinese_catalogue):
    for text in ("42", "6.5%", "肝移植后 1 年生存率", "TMF与TAF在HBV-ACLF患者中的60天总生存率与ETV相当",
                 "310 名患者中的 67 名"):
        assert language.translated(text) == text


def test_a_missing_translation_stops_the_build_with_the_message_and_the_catalogue(chinese_catalogue):
    with pytest.raises(language.MissingTranslation, match=r"'\{0\} of \{1\} claims'.*generated\.po"):
        language.translated("3 of 4 claims")


def test_collecting_writes_the_missing_message_and_goes_on(chinese_catalogue, tmp_path, monkeypatch):
    record = tmp_path / "missing.txt"
    monkeypatch.setenv("BOOK_COLLECT_MESSAGES", str(record))
    assert language.translated("3 of 4 claims") == "3 of 4 claims"
    assert record.read_text(encoding="utf-8") == "'{0} of {1} claims'\n"


def test_chinese_labels_wrap_by_width_with_two_columns_a_character():
    assert wrapped_chinese("肝衰竭治疗综述（2026）", 12) == "肝衰竭治疗综\n述（2026）"
    assert wrapped("相对危险度 RR 0.85", 10) == "相对危险度\nRR 0.85"


PLACEHOLDER = re.compile(r"\{\d+\}")


def test_every_translation_of_the_code_text_keeps_its_placeholders():
    with language.CATALOGUE.open("rb") as handle:
        messages = [m for m in read_po(handle) if m.id]
    assert messages
    changed = [m.id for m in messages
               if collections.Counter(PLACEHOLDER.findall(m.id)) != collections.Counter(PLACEHOLDER.findall(m.string))]
    assert changed == []


def test_links_alone_are_not_words_to_translate(chinese_catalogue):
    text = "{ref}`LFR-016 <claim-lfr-016>` (已证实); {ref}`LFR-017 <claim-lfr-017>` (引用错误)"
    assert language.translated(text) == text


def test_a_number_beside_chinese_characters_is_still_a_number():
    assert language.ANY_NUMBER.findall("研究团队系统纳入了7项随机对照试验，共 310 名") == ["7", "310"]
