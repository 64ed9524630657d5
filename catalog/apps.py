import oscar.apps.catalogue.apps as apps


class CatalogueConfig(apps.CatalogueConfig):
    """Oscar's catalogue, kept under its label "catalogue", with the OCOP product fields."""

    name = "catalog"
    label = "catalogue"

    def ready(self):
        super().ready()
        from catalog import (  # noqa: PLC0415  the receivers need the models loaded
            cards,
            thumbnails,  # noqa: F401  (connects the photo upload's receiver)
        )

        cards.cards_receivers_connect()
