"""Parameters read from a request, refused rather than passed to the database as they came.

"²" passes `str.isdigit()` and then fails `int()`; "99999999999999999999" overflows SQLite's
and PostgreSQL's integers; a NUL character is refused by PostgreSQL in any text. Each was a
500 on a public page.
"""

from django.http import HttpResponseBadRequest

# The largest value of an integer primary key on every database we run (PostgreSQL's `integer`).
MAX_ID = 2**31 - 1


def id_or_none(value) -> int | None:
    """A positive id written in ASCII digits, or None for anything else."""
    text = str(value or "")
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(MAX_ID)):
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


class NulCharactersRefusedMiddleware:
    """400 for a request whose address or query string holds a NUL character: no page takes
    one, and PostgreSQL refuses it in every text column, so a lookup with it would be a 500.
    (Forms already refuse it in what they read: Django's fields do.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in value for _, values in request.GET.lists() for value in values
        ):
            return HttpResponseBadRequest("NUL character in the request", content_type="text/plain")
        return self.get_response(request)
