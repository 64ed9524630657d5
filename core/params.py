"""Parameters read from a request, refused rather than passed to the database as they came.

"²" passes `str.isdigit()` and then fails `int()`; "99999999999999999999" overflows SQLite's
and PostgreSQL's integers; a NUL character is refused by PostgreSQL in any text. Each was a
500 on a public page.
"""

import re

# The largest value of an integer primary key on every database we run (PostgreSQL's `integer`).
MAX_ID = 2**31 - 1


# A slug as Django's `SlugField` and taggit write them (letters, digits, "_" and "-").
_SLUG = re.compile(r"[-\w]+")


def slug_or_none(value) -> str | None:
    """A slug, or None for anything else (a quote, a NUL character, which PostgreSQL refuses
    in any text)."""
    text = str(value or "")
    return text if len(text) <= 255 and _SLUG.fullmatch(text) else None


def id_or_none(value) -> int | None:
    """A positive id written in ASCII digits, or None for anything else."""
    text = str(value or "")
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(MAX_ID)):
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None
