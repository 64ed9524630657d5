"""Entries of the shared cache that writes make out of date.

Pages keep what many requests read the same way (the menu's sections, product cards, running
fair prices) in Django's cache; the writes that change it drop the entry with `cache_forget`.
It drops the entry at once, so the rest of the writing transaction reads the new state, and
again after the commit, so that a page that read the old rows while the write was committing
and stored them meanwhile is not kept.
"""

from django.core.cache import cache
from django.db import transaction


def cache_forget(key: str) -> None:
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))
