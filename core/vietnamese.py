"""Vietnamese text: the one place that knows how to fold tones and build ASCII slugs.

Unicode decomposition alone leaves `đ` untouched (it is a letter of its own, not `d`
with a mark), so it is mapped explicitly; input is normalised to NFC first because
Vietnamese keyboards may send decomposed text.
"""

import re
import unicodedata


def _fold_table() -> dict[int, str | None]:
    """Each Latin letter with marks -> its base letter, and stray combining marks -> nothing.

    Built once from Unicode's decompositions (Latin-1 to Latin Extended-B, and Latin Extended
    Additional, where all Vietnamese letters live), plus `đ`, which has none.
    """
    table: dict[int, str | None] = {ord("đ"): "d", ord("Đ"): "D"}
    for block in (range(0x00C0, 0x0250), range(0x1E00, 0x1F00)):
        for code in block:
            base = "".join(
                ch for ch in unicodedata.normalize("NFD", chr(code)) if not unicodedata.combining(ch)
            )
            if len(base) == 1 and base != chr(code):
                table[code] = base
    for code in range(0x0300, 0x0370):
        table[code] = None
    return table


_FOLD = _fold_table()


def fold(text: str) -> str:
    """Strip tones and marks: "Vải thiều Đồng" -> "Vai thieu Dong"."""
    return unicodedata.normalize("NFC", text).translate(_FOLD)


def slugify(text: str, allow_unicode: bool = False) -> str:
    """An ASCII slug that keeps the letters of Vietnamese words: "Đông trùng" -> "dong-trung".

    `allow_unicode` is accepted because Oscar passes it to OSCAR_SLUG_FUNCTION; slugs stay
    ASCII so that URLs survive copying into any chat app or SMS.
    """
    folded = fold(str(text)).lower()
    folded = re.sub(r"[^a-z0-9]+", "-", folded)
    return folded.strip("-")


# Vietnamese writes a tone on "oa", "oe" and "uy" in two accepted ways: the old placement
# ("hòa", "hòe", "thủy") and the new one ("hoà", "hoè", "thuỷ"). Matching treats them as one
# spelling by rewriting the old placement to the new; a final consonant never follows these
# pairs when the tone sits on the first vowel, so the rewrite cannot hit another word.
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
_TONE_PLACEMENT_PAIRS = (("o", "a"), ("o", "e"), ("u", "y"))


def _tone_placement_table() -> dict[str, str]:
    table = {}
    for first, second in _TONE_PLACEMENT_PAIRS:
        for tone in _TONE_MARKS:
            for lead in (first, first.upper()):
                for follow in (second, second.upper()):
                    old = unicodedata.normalize("NFC", lead + tone + follow)
                    new = unicodedata.normalize("NFC", lead + follow + tone)
                    table[old] = new
    return table


TONE_PLACEMENT = _tone_placement_table()
_OLD_TONE_PLACEMENT = re.compile("|".join(map(re.escape, TONE_PLACEMENT)))


def normalize(text: str) -> str:
    """NFC with one tone placement: "Hòa Bình" and "Hoà Bình" become the same string."""
    return _OLD_TONE_PLACEMENT.sub(
        lambda match: TONE_PLACEMENT[match.group()], unicodedata.normalize("NFC", text)
    )


def fold_each(text: str) -> str:
    """`fold` letter by letter, lower-cased, keeping every position: for highlighting matches.

    `text` must be NFC; a character that would fold into more or fewer than one keeps itself.
    """
    folded = []
    for character in text:
        plain = fold(character).lower()
        folded.append(plain if len(plain) == 1 else character.lower())
    return "".join(folded)


# Vietnamese writes the vowel i two ways when it is alone after the consonants of its syllable:
# "mì"/"mỳ", "kì"/"kỳ", "lí"/"lý", "mĩ"/"mỹ", "sĩ"/"sỹ", "công ti"/"công ty", "quí"/"quý".
# Matching treats the two as one on folded words (no tones): such a syllable ending in "y"
# is read with "i". A "y" after another vowel keeps its sound and its word ("tay", "huy",
# "tuyết": "tai", "hui" are other words), as does a "y" that starts a syllable ("yến").
# The same pattern is the search engine's `vi_i_for_y` token filter (search/documents.py),
# so the engine and the database fallback match the same words.
I_FOR_Y_PATTERN = r"^(ngh|ch|gh|gi|kh|ng|nh|ph|qu|th|tr|[bcdghklmnpqrstvx])y$"
I_FOR_Y_REPLACEMENT = r"\1i"  # "$1i" in the engine's (Java) syntax
_I_FOR_Y = re.compile(I_FOR_Y_PATTERN)


def i_for_y(word: str) -> str:
    """A folded, lower-case syllable with its i/y spelling made one: "my" -> "mi", "tay" -> "tay"."""
    return _I_FOR_Y.sub(I_FOR_Y_REPLACEMENT, word)


_WORD = re.compile(r"\w+")


def words_folded(text: str) -> list[str]:
    """Lower-case words without tones, i/y spellings made one:
    "Vải thiều, Mỳ Chũ" -> ["vai", "thieu", "mi", "chu"]."""
    return [i_for_y(word) for word in _WORD.findall(fold(text).lower())]


def words_exact(text: str) -> list[str]:
    """Lower-case words with their tones, in one tone placement."""
    return _WORD.findall(normalize(text).lower())


# Vietnamese alphabetical order, as dictionaries and phone books sort: ă, â, đ, ê, ô, ơ, ư are
# letters of their own (after a, a, d, e, o, o, u), and tones only break ties between words
# whose letters are the same, in the order none, huyền, hỏi, ngã, sắc, nặng. Code point order
# instead puts "Cao Bằng" before "Cà Mau" and every Đ- name after Y.
_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
# A base letter and the mark that makes it another letter: breve, circumflex, horn.
_WITH_MARK = {
    ("a", "\u0306"): "ă",
    ("a", "\u0302"): "â",
    ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô",
    ("o", "\u031b"): "ơ",
    ("u", "\u031b"): "ư",
}
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def sort_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """A key that sorts Vietnamese names alphabetically: "Cà Mau" < "Cao Bằng" < "Đà Nẵng" < "Điện Biên"."""
    letters: list[int] = []
    tones: list[int] = []
    for character in unicodedata.normalize("NFC", text).lower():
        parts = unicodedata.normalize("NFD", character)
        base, marks = parts[0], parts[1:]
        tone = next((_TONE_RANK[mark] for mark in marks if mark in _TONE_RANK), 0)
        letter = next((_WITH_MARK[(base, mark)] for mark in marks if (base, mark) in _WITH_MARK), base)
        if letter in _ALPHABET:
            letters.append(100 + _ALPHABET.index(letter))
        elif letter.isspace() or letter in "-,.":
            letters.append(1)  # words before longer words: "Ca Mau" < "Cao"
        else:
            letters.append(200 + ord(letter))
        tones.append(tone)
    return tuple(letters), tuple(tones)
