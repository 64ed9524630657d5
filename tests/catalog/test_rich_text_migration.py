"""Issue 14: descriptions stored before the allow-list existed are cleaned by a migration."""

import importlib

import pytest
from django.apps import apps

from catalog.models import ListingChange, Product
from tests.catalog.factories import ProductFactory

migration = importlib.import_module("catalog.migrations.0038_rich_text_cleaned")

SCRIPTED = '<p>Vải thiều <b>Lục Ngạn</b><script>alert(1)</script><img src=x onerror="alert(2)"></p>'


@pytest.mark.django_db
def test_stored_descriptions_and_pending_changes_lose_their_scripts():
    # Given rows written before the allow-list (save() would clean them: written around it)
    product = ProductFactory()
    Product.objects.filter(pk=product.pk).update(description=SCRIPTED)
    change = ListingChange.objects.create(
        product=product, before={"description": SCRIPTED}, after={"description": SCRIPTED, "title": "Vải"}
    )
    # When the migration runs
    migration.rich_text_clean(apps, None)
    # Then what was text and allowed markup is kept, the scripts are gone
    product.refresh_from_db()
    change.refresh_from_db()
    for html in (product.description, change.before["description"], change.after["description"]):
        assert "<b>Lục Ngạn</b>" in html
        assert "script" not in html and "onerror" not in html and "alert" not in html
    assert change.after["title"] == "Vải"
