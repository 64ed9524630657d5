"""Which criteria sheet scores a product, and which sheets rounds have used."""

from criteria.models import CriteriaPart, CriteriaSheet, Criterion, CriterionLevel, StarRequirement


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


# The models of a sheet's rows: what another app's record (a dossier, a self-assessment
# answer, a council's score) may point at.
_SHEET_MODELS = (CriteriaSheet, CriteriaPart, Criterion, CriterionLevel, StarRequirement)


def _outside_references():
    """(model, field name, which of the sheet's models it points at) for every foreign key of
    another app that points at a sheet or one of its rows, hidden relations (related_name "+")
    included: criteria knows no app above it, so it asks the model registry."""
    found = []
    for target in _SHEET_MODELS:
        for relation in target._meta.get_fields(include_hidden=True):
            if (
                relation.auto_created
                and not relation.concrete
                and (relation.one_to_many or relation.one_to_one)
            ):
                if relation.related_model._meta.app_label != CriteriaSheet._meta.app_label:
                    found.append((relation.related_model, relation.field.name, target))
    return found


def sheets_scored_on(*, sheet_ids) -> set[int]:
    """The sheets among `sheet_ids` that a record of another app uses (a round's dossier, a
    self-assessment answer, a council's score): their rows are not rewritten again."""
    sheet_ids = list(sheet_ids)
    used = set()
    for model, field, target in _outside_references():
        remaining = [pk for pk in sheet_ids if pk not in used]
        if not remaining:
            break
        if target is CriteriaSheet:
            used.update(
                model._default_manager.filter(**{f"{field}__in": remaining}).values_list(field, flat=True)
            )
            continue
        sheet_path = {
            CriteriaPart: "sheet_id",
            Criterion: "part__sheet_id",
            CriterionLevel: "criterion__part__sheet_id",
            StarRequirement: "criterion__part__sheet_id",
        }[target]
        used.update(
            model._default_manager.filter(**{f"{field}__{sheet_path}__in": remaining})
            .values_list(f"{field}__{sheet_path}", flat=True)
            .distinct()
        )
    return used


def sheet_scored_on(*, sheet: CriteriaSheet) -> bool:
    return sheet.pk in sheets_scored_on(sheet_ids=[sheet.pk])
