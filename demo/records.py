"""The demo's data files, `demo/data/<name>.toml`, each read once, and their two languages.

TOML because the records are hand-edited: comments can say where a value comes from or that
it is made up, long Vietnamese texts wrap over lines, and `tomllib` is in the standard library.
"""

import tomllib
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


@cache
def data_file(name: str) -> dict:
    """The parsed `demo/data/<name>.toml`; shared between callers, so read it, never change it."""
    with (DATA_DIR / f"{name}.toml").open("rb") as file:
        return tomllib.load(file)


# A data file's English: a key `name_en` beside `name` holds the English of `name`.
ENGLISH_SUFFIX = "_en"


def in_vietnamese(data):
    """`data` without its English keys (`*_en`), at every depth."""
    if isinstance(data, dict):
        return {key: in_vietnamese(value) for key, value in data.items() if not key.endswith(ENGLISH_SUFFIX)}
    if isinstance(data, list):
        return [in_vietnamese(value) for value in data]
    return data


def in_english(data):
    """`data` with each key's English (`name_en`) in place of its Vietnamese, at every depth;
    a key with no English (a date, an SKU) keeps its value."""
    if isinstance(data, dict):
        return {
            key: in_english(data.get(key + ENGLISH_SUFFIX, value))
            for key, value in data.items()
            if not key.endswith(ENGLISH_SUFFIX)
        }
    if isinstance(data, list):
        return [in_english(value) for value in data]
    return data
