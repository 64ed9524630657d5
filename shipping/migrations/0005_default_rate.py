"""The default delivery rate, which staff then change (fictional until the programme sets one)."""

from django.db import migrations


def add_default_rate(apps, schema_editor):
    ProducerShippingRate = apps.get_model("shipping", "ProducerShippingRate")
    if not ProducerShippingRate.objects.filter(partner__isnull=True).exists():
        ProducerShippingRate.objects.create(partner=None, fee=30000, free_above=500000)


class Migration(migrations.Migration):
    dependencies = [("shipping", "0004_producershippingrate")]

    operations = [migrations.RunPython(add_default_rate, migrations.RunPython.noop)]
