"""The buyer's country: an ISO 3166-1 alpha-2 code, named in the reader's language by Babel.

Oscar's country table holds only Việt Nam (the shop delivers at home), and django-countries
is not installed; Babel, which Oscar already requires, carries the CLDR names of every
country in Vietnamese and English, so no new dependency and no table to keep filled.
"""

from functools import cache

from babel import Locale
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.vietnamese import fold

# CLDR "territories" with two letters that are not countries: the EU, the euro zone, the UN,
# outlying Oceania, pseudo-locales and the unknown region.
NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"})


@cache
def _names(language: str) -> dict[str, str]:
    try:
        territories = Locale.parse(language.replace("-", "_")).territories
    except (ValueError, LookupError):
        territories = Locale("en").territories
    return {
        code: name
        for code, name in territories.items()
        if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES
    }


def country_codes() -> frozenset[str]:
    return frozenset(_names("en"))


def country_name(code: str, *, language: str | None = None) -> str:
    return _names(language or translation.get_language() or "vi").get(code, code)


def country_choices(*, language: str | None = None) -> list[tuple[str, str]]:
    """(code, name) sorted by the name in `language` (the active one)."""
    names = _names(language or translation.get_language() or "vi")
    return sorted(((code, names.get(code, code)) for code in country_codes()), key=lambda item: fold(item[1]))


def validate_country_code(value: str):
    if value not in country_codes():
        raise ValidationError(_("Choose a country from the list."), code="invalid_country")
