"""Every string of ours is translated, and the committed catalogues match their sources."""

from pathlib import Path

import polib
import pytest

LOCALE_DIRS = [
    Path(__file__).resolve().parents[2] / "marketplace" / "locale",
    Path(__file__).resolve().parents[2] / "marketplace" / "locale_overrides",
    Path(__file__).resolve().parents[2] / "marketplace" / "locale_wagtail",
]
CATALOGUES = sorted(path for folder in LOCALE_DIRS for path in folder.glob("*/LC_MESSAGES/django*.po"))


def test_there_are_vietnamese_and_english_catalogues():
    languages = {path.parts[-3] for path in CATALOGUES}

    assert {"vi", "en"} <= languages


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda path: f"{path.parts[-4]}/{path.parts[-3]}")
def test_catalogue_is_fully_translated(po_path):
    catalogue = polib.pofile(str(po_path))

    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda path: f"{path.parts[-4]}/{path.parts[-3]}")
def test_compiled_catalogue_matches_its_source(po_path):
    source = {(entry.msgid, entry.msgstr) for entry in polib.pofile(str(po_path)).translated_entries()}
    compiled = {
        (entry.msgid, entry.msgstr) for entry in polib.mofile(str(po_path.with_suffix(".mo"))) if entry.msgid
    }

    assert compiled == source
