"""The database fallback's index: one row per published product, kept by search.indexing.

It is written on every index update whichever engine is configured, so the fallback can
answer at once when the engine is down. Text columns hold space-separated words with a
space at both ends, so `contains(" " + word)` is a whole-word match on any database.
Text matching scans the rows, so only the sort columns carry an index: every other index
would slow the writes of a rebuild down and speed no query up.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProductSearchRecord(models.Model):
    product = models.OneToOneField(
        "catalogue.Product", primary_key=True, on_delete=models.CASCADE, related_name="search_record"
    )
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True, help_text=_("Plain text, for snippets."))
    name_exact = models.TextField(help_text=_("Lower-case words with their tones."))
    name_folded = models.TextField(help_text=_("Lower-case words without tones."))
    text_exact = models.TextField()
    text_folded = models.TextField()
    producer = models.CharField(max_length=128, blank=True)
    group = models.CharField(max_length=255, blank=True)
    categories = models.TextField(blank=True)
    locality = models.CharField(max_length=16, blank=True)
    stars = models.PositiveSmallIntegerField(null=True)
    price = models.BigIntegerField(null=True, db_index=True)
    in_stock = models.BooleanField()
    created = models.DateTimeField(db_index=True)
    indexed = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("product search record")
        verbose_name_plural = _("product search records")

    def __str__(self):
        return self.name
