"""Reading the communes: finding a current commune or ward by what someone types.

The 3,321 current communes are few enough to search in memory: their names, folded once
(`core.vietnamese.words_folded`: no tones, i/y spellings made one), are kept in the cache under
`COMMUNE_INDEX_KEY`, which `places.services.places_load` drops when it adds communes.
"""

from dataclasses import dataclass

from django.core.cache import cache

from core.vietnamese import sort_key, words_folded
from places.models import Commune

COMMUNE_INDEX_KEY = "places:commune-index:v1"
COMMUNE_INDEX_TIMEOUT = 24 * 3600
MATCHES_LIMIT = 20


@dataclass(frozen=True)
class CommuneMatch:
    id: int
    name: str  # "Xã Lục Ngạn, Bắc Ninh": the province tells apart communes of the same name


def _commune_index() -> list[tuple[int, str, tuple[str, ...], tuple[str, ...]]]:
    """[(id, label, the name's folded words, the kind's and the province's)], in Vietnamese
    alphabetical order of the names."""
    index = cache.get(COMMUNE_INDEX_KEY)
    if index is None:
        rows = Commune.objects.filter(province__is_current=True).values_list(
            "pk", "name", "kind", "province__name"
        )
        ordered = sorted(rows, key=lambda row: (sort_key(row[1]), sort_key(row[3])))
        index = [
            (
                pk,
                f"{kind.capitalize()} {name.strip()}, {province}",
                tuple(words_folded(name)),
                tuple(words_folded(f"{kind} {province}")),
            )
            for pk, name, kind, province in ordered
        ]
        cache.set(COMMUNE_INDEX_KEY, index, COMMUNE_INDEX_TIMEOUT)
    return index


def communes_matching(*, text: str, limit: int = MATCHES_LIMIT) -> list[CommuneMatch]:
    """The current communes whose name (or province) holds every typed word as the start of
    one of its words, however it is typed: "luc ngan", "Lục Ngạn", "xa luc", "ngan bac ninh".
    Names that start with what was typed come first, then the others, each alphabetically."""
    wanted = words_folded(text)
    if not wanted:
        return []
    first, others = [], []
    for pk, label, name_words, other_words in _commune_index():
        words = name_words + other_words
        if not all(any(word.startswith(part) for word in words) for part in wanted):
            continue
        (first if _starts_with(name_words, wanted) else others).append(CommuneMatch(id=pk, name=label))
        if len(first) >= limit:
            break
    return (first + others)[:limit]


def _starts_with(words: tuple[str, ...], wanted: list[str]) -> bool:
    """ "luc ng" starts "Lục Ngạn": every typed word but the last whole, the last begun."""
    if len(wanted) > len(words):
        return False
    *whole, last = wanted
    return list(words[: len(whole)]) == whole and words[len(whole)].startswith(last)


def commune_labels(ids) -> dict[int, str]:
    """{id: "Xã Lục Ngạn, Bắc Ninh"} for the given current or former ids."""
    ids = {int(pk) for pk in ids if str(pk).isdigit()}
    if not ids:
        return {}
    return {
        commune.pk: f"{commune.full_name}, {commune.province.name}"
        for commune in Commune.objects.filter(pk__in=ids).select_related("province")
    }
