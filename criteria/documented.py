"""The 100-point scale of each criteria version as public sources document it
(`criteria/data/structure.toml`): the parts, their maxima, what each covers, and the sources.

Shown beside the sheets on the staff pages, so that what is documented and what a sample only
illustrates stay apart."""

import functools
import tomllib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from catalog.ocop import CriteriaVersion

STRUCTURE = Path(__file__).resolve().parent / "data" / "structure.toml"


@dataclass(frozen=True)
class Source:
    text: str
    lang: str = ""  # the language of the text when it is not Vietnamese (an English title)


@dataclass(frozen=True)
class DocumentedPart:
    code: str
    title: str
    max_points: Decimal
    content: tuple[str, ...]


@dataclass(frozen=True)
class DocumentedScale:
    criteria_version: str
    note: str
    sources: tuple[Source, ...]
    parts: tuple[DocumentedPart, ...]

    @property
    def label(self) -> str:
        return CriteriaVersion(self.criteria_version).label


@functools.cache
def documented_scales() -> tuple[DocumentedScale, ...]:
    with open(STRUCTURE, "rb") as file:
        data = tomllib.load(file)
    return tuple(
        DocumentedScale(
            criteria_version=version["criteria_version"],
            note=version["note"],
            sources=tuple(
                Source(**source) if isinstance(source, dict) else Source(text=source)
                for source in version["sources"]
            ),
            parts=tuple(
                DocumentedPart(
                    code=part["code"],
                    title=part["title"],
                    max_points=Decimal(part["max_points"]),
                    content=tuple(part["content"]),
                )
                for part in version["part"]
            ),
        )
        for version in data["version"]
    )
