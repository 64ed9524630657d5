"""Content written in Vietnamese with an optional English version, and which one to show.

The shop's content (a product's title and description, a product group's name, a producer's
name and description) is written in Vietnamese, the source language (`LANGUAGE_CODE`). A
model that can carry English keeps it in explicit `<field>_en` fields beside the Vietnamese
ones, so that every form, the moderation's snapshot and the search index see them as plain
fields (see ARCHITECTURE.md, "English content"). `localized(obj, "title")` is the one reader:
the text in the active language when there is one, else the Vietnamese text, and whether it
fell back, so that a page in English marks the Vietnamese words it shows with `lang="vi"`.

A model may give a reader in place of a field: `get_<field>()` for the source text (Oscar's
`Product.get_title()`, which a variant takes from its parent) and `get_<field>_<language>()`
for the translation.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation

from core.html import html_text


@dataclass(frozen=True)
class LocalizedText:
    """`text` in the language `language`; `fell_back` when another language was asked for."""

    text: str
    language: str
    fell_back: bool

    def __str__(self) -> str:
        return self.text


def source_language() -> str:
    return settings.LANGUAGE_CODE


def active_language() -> str:
    """The request's language, as a bare code ("en", "vi")."""
    return (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0].lower()


def translated_languages() -> list[str]:
    """The languages content may be translated into: every site language but the source."""
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def _read(obj, name: str) -> str:
    getter = getattr(obj, f"get_{name}", None)
    value = getter() if callable(getter) else getattr(obj, name, "")
    return "" if value is None else str(value)


def localized(obj, field: str, *, language: str | None = None) -> LocalizedText:
    """`obj`'s `field` in `language` (the active one): its `<field>_<language>` when that holds
    words (rich text with only empty tags counts as none), else the Vietnamese `field`."""
    language = language or active_language()
    source = source_language()
    if language != source:
        text = _read(obj, f"{field}_{language}")
        if html_text(text):
            return LocalizedText(text, language, False)
    return LocalizedText(_read(obj, field), source, language != source)
