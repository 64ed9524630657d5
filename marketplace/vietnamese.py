"""Vietnamese text: the one place that knows how to fold tones and build ASCII slugs.

Unicode decomposition alone leaves `đ` untouched (it is a letter of its own, not `d`
with a mark), so it is mapped explicitly; input is normalised to NFC first because
Vietnamese keyboards may send decomposed text.
"""

import re
import unicodedata

_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})


def fold(text: str) -> str:
    """Strip tones and marks: "Vải thiều Đồng" -> "Vai thieu Dong"."""
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFC", text).translate(_D_MAP))
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def slugify(text: str, allow_unicode: bool = False) -> str:
    """An ASCII slug that keeps the letters of Vietnamese words: "Đông trùng" -> "dong-trung".

    `allow_unicode` is accepted because Oscar passes it to OSCAR_SLUG_FUNCTION; slugs stay
    ASCII so that URLs survive copying into any chat app or SMS.
    """
    folded = fold(str(text)).lower()
    folded = re.sub(r"[^a-z0-9]+", "-", folded)
    return folded.strip("-")
