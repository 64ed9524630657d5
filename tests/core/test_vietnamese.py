"""core.vietnamese: which spellings matching treats as one word."""

import pytest

from core.vietnamese import i_for_y, words_folded


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("mì", "mỳ"),
        ("kì", "kỳ"),
        ("lí", "lý"),
        ("mĩ", "mỹ"),
        ("sĩ", "sỹ"),
        ("công ti", "công ty"),
        ("quí", "quý"),
    ],
)
def test_a_lone_i_or_y_after_consonants_is_one_spelling(one, other):
    assert words_folded(one) == words_folded(other)


@pytest.mark.parametrize(
    ("word", "not_the_same_as"),
    [("tay", "tai"), ("huy", "hui"), ("may", "mai"), ("tuyết", "tuiết"), ("yến", "iến"), ("thủy", "thủi")],
)
def test_a_y_after_another_vowel_or_starting_a_syllable_keeps_its_word(word, not_the_same_as):
    assert words_folded(word) != words_folded(not_the_same_as)


def test_only_whole_syllables_change():
    assert [i_for_y(word) for word in ("my", "ky", "ngy", "yen", "y", "myy")] == [
        "mi",
        "ki",
        "ngi",
        "yen",
        "y",
        "myy",
    ]
