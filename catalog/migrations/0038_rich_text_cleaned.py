"""Rich text written before the allow-list existed goes through it once (issue 14).

Saving and showing already clean every description; this cleans what is stored, so that no
copy (a spreadsheet export, the API, a pending listing change) still holds a script. It calls
`core.html.html_clean`, the allow-list of today: running it again later cleans again, which
is harmless.
"""

from django.db import migrations

from core.html import html_clean

BATCH = 500


def _clean_rows(queryset, field):
    changed = []
    for row in queryset.only("pk", field).iterator(chunk_size=BATCH):
        cleaned = html_clean(getattr(row, field))
        if cleaned != getattr(row, field):
            setattr(row, field, cleaned)
            changed.append(row)
    queryset.model.objects.bulk_update(changed, [field], batch_size=BATCH)


def rich_text_clean(apps, schema_editor):
    Product = apps.get_model("catalogue", "Product")
    ProductAttributeValue = apps.get_model("catalogue", "ProductAttributeValue")
    ListingChange = apps.get_model("catalogue", "ListingChange")
    _clean_rows(Product.objects.exclude(description=""), "description")
    _clean_rows(
        ProductAttributeValue.objects.exclude(value_richtext__isnull=True).exclude(value_richtext=""),
        "value_richtext",
    )
    changes = []
    for change in ListingChange.objects.only("pk", "before", "after").iterator(chunk_size=BATCH):
        touched = False
        for side in (change.before, change.after):
            if isinstance(side.get("description"), str):
                cleaned = html_clean(side["description"])
                touched |= cleaned != side["description"]
                side["description"] = cleaned
        if touched:
            changes.append(change)
    ListingChange.objects.bulk_update(changes, ["before", "after"], batch_size=BATCH)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0037_evaluation_one_pending")]

    operations = [migrations.RunPython(rich_text_clean, migrations.RunPython.noop, elidable=True)]
