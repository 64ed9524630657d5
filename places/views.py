from django.http import JsonResponse
from django.views.decorators.cache import cache_control

from core.params import id_or_none
from core.vietnamese import sort_key
from places.models import Commune
from places.selectors import communes_matching


@cache_control(public=True, max_age=86400)
def communes(request):
    """The communes and wards of a current province, for the address form's second select, in
    Vietnamese alphabetical order."""
    province = id_or_none(request.GET.get("province"))
    if province is None:
        return JsonResponse({"communes": []})
    rows = Commune.objects.filter(province_id=province, province__is_current=True).only("pk", "name", "kind")
    ordered = sorted(rows, key=lambda commune: sort_key(commune.name))
    return JsonResponse({"communes": [{"id": commune.pk, "name": commune.full_name} for commune in ordered]})


@cache_control(public=True, max_age=86400)
def communes_search(request):
    """The current communes and wards matching what was typed (`?q=luc ngan`), at most 20,
    for the product and lot forms' commune picker (`places.widgets.CommuneSearch`). Public
    reference data, the same for everyone: browsers and proxies keep it for a day."""
    text = request.GET.get("q", "")[:60]
    matches = communes_matching(text=text)
    return JsonResponse({"communes": [{"id": match.id, "name": match.name} for match in matches]})
