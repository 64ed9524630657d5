"""Marking matched words in text the database fallback returns, tones and i/y spelling ignored.

The engines highlight for themselves; this gives the fallback the same `<mark>` output.
"""

import re

from django.utils.html import escape

from core.vietnamese import fold_each, i_for_y

WORD = re.compile(r"\w+")
SNIPPET_LENGTH = 160


def highlight(text: str, *, words: set[str]) -> str:
    """`text` HTML-escaped with every whole word whose folded form is in `words` marked."""
    spans = _matches(text, words)
    return _render(text, spans, 0, len(text)) if spans else ""


def snippet(text: str, *, words: set[str], length: int = SNIPPET_LENGTH) -> str:
    """About `length` characters of `text` around its first match, matches marked."""
    spans = _matches(text, words)
    if not spans:
        return ""
    start = max(0, spans[0][0] - length // 4)
    if start:
        start = text.find(" ", start) + 1 or start
    end = min(len(text), start + length)
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > spans[0][1] else end
    rendered = _render(text, [span for span in spans if span[1] <= end], start, end)
    return ("…" if start else "") + rendered + ("…" if end < len(text) else "")


def _matches(text: str, words: set[str]) -> list[tuple[int, int]]:
    return [match.span() for match in WORD.finditer(fold_each(text)) if i_for_y(match.group()) in words]


def _render(text: str, spans: list[tuple[int, int]], start: int, end: int) -> str:
    parts, position = [], start
    for span_start, span_end in spans:
        if span_start < start:
            continue
        parts.append(escape(text[position:span_start]))
        parts.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        position = span_end
    parts.append(escape(text[position:end]))
    return "".join(parts)
