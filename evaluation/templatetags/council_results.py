"""`{% dossier_result dossier as result %}`: the council's result as the dossier's producer may
see it (`evaluation.decision.result_for_producer`: once the decision is recorded, else None)."""

from django import template

from evaluation.decision import recognised_stars, result_for_producer

register = template.Library()


@register.simple_tag
def dossier_result(dossier):
    result = result_for_producer(dossier=dossier)
    if result is None:
        return None
    return {"result": result, "stars": recognised_stars(round=dossier.round, result=result)}
