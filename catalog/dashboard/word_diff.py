"""A listing change read as words: what staff see when a producer edits a published listing.

The description is rich text; comparing its HTML would show markup (`<p>`) and flag a whole
paragraph for one word. The visible text is compared instead, word by word: the HTML goes
through the site's allow-list (`core.html.html_clean`, which drops scripts and styles with
their content), its tags are stripped and its entities read back (`core.html.html_text`), and
`difflib` matches the two lists of words. A one-word edit is one word deleted and one added.
"""

import difflib
from dataclasses import dataclass

from core.html import html_clean, html_text

EQUAL, DELETED, INSERTED = "equal", "deleted", "inserted"


@dataclass(frozen=True)
class Segment:
    """A run of words that stayed, went or came."""

    kind: str
    text: str


def visible_words(value) -> list[str]:
    """The words a reader sees in `value` (rich text, plain text or None), in order."""
    if value is None:
        return []
    return html_text(html_clean(str(value))).split()


def word_diff(before, after) -> list[Segment]:
    """Segments that turn the words of `before` into those of `after`; a replaced run is its
    deleted words followed by its inserted ones."""
    old, new = visible_words(before), visible_words(after)
    segments = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            segments.append(Segment(EQUAL, " ".join(old[i1:i2])))
            continue
        if i2 > i1:
            segments.append(Segment(DELETED, " ".join(old[i1:i2])))
        if j2 > j1:
            segments.append(Segment(INSERTED, " ".join(new[j1:j2])))
    return segments


def changed_word_counts(segments: list[Segment]) -> tuple[int, int]:
    """(words deleted, words inserted) in `segments`."""
    deleted = sum(len(segment.text.split()) for segment in segments if segment.kind == DELETED)
    inserted = sum(len(segment.text.split()) for segment in segments if segment.kind == INSERTED)
    return deleted, inserted
