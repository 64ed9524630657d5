"""Ids read from a query string, refused rather than passed to the database as they came.

"²" passes `str.isdigit()` and then fails `int()`; "99999999999999999999" overflows SQLite's
and PostgreSQL's integers. Either was a 500 on a public page.
"""

# The largest value of an integer primary key on every database we run (PostgreSQL's `integer`).
MAX_ID = 2**31 - 1


def id_or_none(value) -> int | None:
    """A positive id written in ASCII digits, or None for anything else."""
    text = str(value or "")
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(MAX_ID)):
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None
