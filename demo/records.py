"""The demo's data files, `demo/data/<name>.toml`, each read once.

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
