import oscar.apps.catalogue.apps as apps


class CatalogueConfig(apps.CatalogueConfig):
    """Oscar's catalogue, kept under its label "catalogue", with the OCOP product fields."""

    name = "catalog"
    label = "catalogue"

    def ready(self):
        super().ready()
        from catalog import cards  # noqa: PLC0415  the receivers need the models loaded

        cards.cards_receivers_connect()
