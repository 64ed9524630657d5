"""The shop delivers within Việt Nam: the country must exist before the first checkout."""

from django.db import migrations


def add_vietnam(apps, schema_editor):
    Country = apps.get_model("address", "Country")
    Country.objects.update_or_create(
        iso_3166_1_a2="VN",
        defaults={
            "iso_3166_1_a3": "VNM",
            "iso_3166_1_numeric": "704",
            "printable_name": "Việt Nam",
            "name": "Cộng hòa Xã hội chủ nghĩa Việt Nam",
            "display_order": 1,
            "is_shipping_country": True,
        },
    )


class Migration(migrations.Migration):
    dependencies = [("address", "0008_useraddress_commune")]

    operations = [migrations.RunPython(add_vietnam, migrations.RunPython.noop)]
