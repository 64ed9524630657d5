"""The public trace page of a lot, its QR codes and exports, and the producer's label sheet.

Every public view finds its lot through `lot_get_public`: an unknown, unpublished or hidden
lot answers the same helpful 404, so a tampered URL learns nothing.

Every view answers HEAD as well as GET, as a GS1 Digital Link resolver does: scanner apps and
link checkers ask HEAD first, and get the status, the headers and the redirect GET would give
(Django runs the GET view; gunicorn and runserver send no body for HEAD).
"""

import json
from email.utils import parseaddr

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.encoding import iri_to_uri
from django.views.decorators.http import require_safe
from oscar.core.loading import get_model

from core.jsonld import json_ld_script
from core.mails import site_url
from core.permissions import producer_partners, user_is_staff
from traceability.data_items import lot_data_items, lot_data_items_csv
from traceability.epcis import epcis_document
from traceability.labels import lot_label_sheet
from traceability.models import Lot
from traceability.qr import lot_qr_png, lot_qr_svg
from traceability.selectors import (
    gtin_canonical,
    lot_get_public,
    lot_published_for_product,
    lot_schema_org,
    lot_trace,
)

Product = get_model("catalogue", "Product")


def not_found(request, *, code: str = ""):
    return render(request, "traceability/not_found.html", {"code": code}, status=404)


def _contact_email(trace) -> str:
    """Where "report a problem" writes: the OCOP office if configured (it can act on any
    producer), else the producer, else the site's own address."""
    return (
        getattr(settings, "MARKETPLACE_CONTACT_EMAIL", "")
        or trace.producer.email
        or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    )


# GS1 link types as full URIs: a Link header's extension relation types are URIs (RFC 8288),
# and these are the ones GS1-Conformant resolvers write in their Link headers and linksets.
GS1_PIP = "https://gs1.org/voc/pip"
GS1_EPCIS = "https://gs1.org/voc/epcis"


def _trace_links(trace) -> str:
    """The `Link` header of a trace page: the page's canonical address, the product's page
    (gs1:pip) and the lot's EPCIS events (gs1:epcis), so that a reader asking HEAD learns where
    to go without parsing the page."""
    epcis = reverse("traceability:lot-epcis", kwargs={"code": trace.lot.short_code})
    links = [
        (trace.url, "canonical", "text/html"),
        (site_url(trace.product.get_absolute_url()), GS1_PIP, "text/html"),
        (site_url(epcis), GS1_EPCIS, "application/ld+json"),
    ]
    return ", ".join(f'<{iri_to_uri(href)}>; rel="{rel}"; type="{kind}"' for href, rel, kind in links)


def _trace_page(request, lot):
    trace = lot_trace(lot=lot)
    context = {
        "trace": trace,
        "lot": lot,
        "schema_org": json_ld_script(lot_schema_org(trace)),
        "contact_email": _contact_email(trace),
    }
    response = render(request, "traceability/lot_detail.html", context)
    response["Link"] = _trace_links(trace)
    return response


@require_safe
def lot_digital_link(request, gtin, lot):
    """`/01/<gtin>/10/<lot>`: GTIN-8/12/13 are sent on to the canonical 14-digit form."""
    gtin14 = gtin_canonical(gtin)
    if gtin14 is None:
        return not_found(request, code=lot)
    if gtin14 != gtin:
        return redirect("traceability:lot-digital-link", gtin=gtin14, lot=lot, permanent=True)
    found = lot_get_public(gtin=gtin14, lot_code=lot)
    if found is None:
        return not_found(request, code=lot)
    return _trace_page(request, found)


@require_safe
def lot_short(request, code):
    lot = lot_get_public(short_code=code)
    if lot is None:
        return not_found(request, code=code)
    return _trace_page(request, lot)


def _public_lot_or_404(code):
    lot = lot_get_public(short_code=code)
    if lot is None:
        raise Http404("no published lot with this code")
    return lot


@require_safe
def lot_qr_svg_view(request, code):
    return HttpResponse(lot_qr_svg(_public_lot_or_404(code)), content_type="image/svg+xml")


@require_safe
def lot_qr_png_view(request, code):
    response = HttpResponse(lot_qr_png(_public_lot_or_404(code)), content_type="image/png")
    response["Cache-Control"] = "public, max-age=86400"
    return response


def _ld_json(data):
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    return HttpResponse(body, content_type="application/ld+json; charset=utf-8")


@require_safe
def lot_epcis(request, code):
    return _ld_json(epcis_document(lots=[_public_lot_or_404(code)]))


@require_safe
def product_epcis(request, pk):
    product = get_object_or_404(Product.objects.filter(is_public=True), pk=pk)
    return _ld_json(epcis_document(lots=list(lot_published_for_product(product_id=product.pk))))


@require_safe
def lot_data_items_json(request, code):
    trace = lot_trace(lot=_public_lot_or_404(code))
    return JsonResponse(lot_data_items(trace=trace), json_dumps_params={"ensure_ascii": False, "indent": 2})


@require_safe
def lot_data_items_csv_view(request, code):
    lot = _public_lot_or_404(code)
    # A byte-order mark, so that Excel reads the Vietnamese as UTF-8.
    response = HttpResponse("\ufeff" + lot_data_items_csv(trace=lot_trace(lot=lot)), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="tt02-{lot.short_code}.csv"'
    return response


@require_safe
def lot_labels_pdf(request, code):
    """The label sheet, for the lot's producer and staff: labels are printed before publishing."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("customer:login"))
    lots = Lot.objects.select_related("product", "producer", "product__trade_item")
    if not user_is_staff(request.user):
        lots = lots.filter(producer__in=producer_partners(request.user))
    lot = get_object_or_404(lots, short_code=code)
    response = HttpResponse(lot_label_sheet(lot=lot), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="labels-{lot.short_code}.pdf"'
    return response
