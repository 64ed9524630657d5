import oscar.apps.catalogue.apps as apps


class CatalogueConfig(apps.CatalogueConfig):
    """Oscar's catalogue, kept under its label "catalogue", with the OCOP product fields."""

    name = "catalog"
    label = "catalogue"
