"""Search tokens and terms (app/domain/search.py): what the index stores and how a term is read."""

from __future__ import annotations

from app.domain.search import index_tokens, read_term


def test_a_run_becomes_its_bigrams_and_its_last_character() -> None:
    assert index_tokens("噪音扰民") == "噪音 音扰 扰民 民"
    assert index_tokens("王") == "王"


def test_punctuation_and_spaces_separate_runs() -> None:
    assert index_tokens("噪音，扰民！") == "噪音 音 扰民 民"
    assert index_tokens("  ") == ""


def test_full_width_and_lower_case_letters_are_read_as_ascii_capitals() -> None:
    assert index_tokens("３号楼ktv") == "3号 号楼 楼K KT TV V"


def test_upper_casing_is_ascii_only_like_postgresql() -> None:
    # str.upper() would turn the dotless i into "I" and make it a word character.
    assert index_tokens("ı") == ""


def test_a_term_of_two_or_more_characters_is_the_phrase_of_its_bigrams() -> None:
    term = read_term(" 音扰民 ")
    assert term.phrases == (("音扰", "扰民"),)
    assert term.fts5_query() == '"音扰 扰民"'
    assert term.tsquery() == "('音扰' <-> '扰民')"


def test_a_single_character_is_a_prefix_query() -> None:
    term = read_term("何")
    assert term.prefixes == ("何",)
    assert term.fts5_query() == '"何"*'
    assert term.tsquery() == "'何':*"


def test_words_separated_by_spaces_must_all_be_found() -> None:
    term = read_term("消防 通道 王")
    assert term.fts5_query() == '"消防" AND "通道" AND "王"*'
    assert term.tsquery() == "('消防') & ('通道') & '王':*"


def test_a_term_without_word_characters_has_no_index_query() -> None:
    assert read_term("，。").empty


def test_numbers_phones_and_id_numbers_are_recognised() -> None:
    assert read_term("td01-20261123-0001").case_number == "TD01-20261123-0001"
    assert read_term("20261123-0001").number_part == "20261123-0001"
    assert read_term("13812345678").phone == "13812345678"
    assert read_term("13812345678").number_part is None  # 11 digits: never part of a number
    assert read_term("44178119750101567x").resident_id == "44178119750101567X"
    assert read_term("5678").digits == "5678"
    assert read_term("abc123").query_code == "ABC123"
    assert read_term("王建国").digits is None
    assert read_term("王建国").has_letters
    assert not read_term("5678").has_letters


def test_a_whole_landline_with_its_area_code_is_a_phone_too() -> None:
    assert read_term("06628235521").phone == "06628235521"
    assert read_term("0662-8235521").phone == "06628235521"
    assert read_term("(0662) 823 5521").phone == "06628235521"
    assert read_term("8235521").phone is None  # no area code: the last digits of a number
