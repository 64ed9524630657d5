"""Which criteria sheet scores a product, and the sheets staff see."""

from criteria.models import CriteriaSheet


def _category_chain(product) -> list:
    """The product's categories, each followed by its ancestors (product set, then group)."""
    chain = []
    for category in product.categories.all():
        for node in [category, *reversed(list(category.get_ancestors()))]:
            if node not in chain:
                chain.append(node)
    return chain


def sheet_for_product(*, criteria_version: str, product) -> CriteriaSheet | None:
    """The sheet in use that scores `product` under `criteria_version`: its product set's own,
    else its group's, else the version's general sheet; None when there is none."""
    chain = _category_chain(product)
    sheets = list(CriteriaSheet.objects.for_product(criteria_version=criteria_version, categories=chain))
    for category in chain:
        for sheet in sheets:
            if sheet.category_id == category.pk:
                return sheet
    general = [sheet for sheet in sheets if sheet.category_id is None]
    return general[0] if general else None
