from django.http import JsonResponse
from django.views.decorators.cache import cache_control

from core.params import id_or_none
from core.vietnamese import sort_key
from places.models import Commune


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
