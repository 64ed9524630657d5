"""What of lots and certifications a dashboard user may see: staff everything, a producer's
people that producer's only. Views look every id up in these, so another's id is not found."""

from django.db.models import Count, Q

from core import permissions
from traceability.models import Certification, Inspection, Lot, TraceEvent


def dashboard_partners(*, user):
    """The producers `user` may work for: any for staff (helping a producer who asks)."""
    return permissions.dashboard_partners(user).order_by("name")


def lots_visible(*, user):
    return Lot.objects.filter(producer__in=dashboard_partners(user=user)).select_related(
        "product", "producer", "origin_commune__province", "product__trade_item"
    )


def lot_list(*, user, producer=None, product=None, code=""):
    """The lots shown in the list, newest production first, with their number of events."""
    lots = lots_visible(user=user)
    if producer is not None:
        lots = lots.filter(producer=producer)
    if product is not None:
        lots = lots.filter(product=product)
    if code:
        lots = lots.filter(Q(code__icontains=code) | Q(short_code__iexact=code))
    return lots.annotate(event_count=Count("events", distinct=True)).order_by("-produced_on", "-pk")


def events_visible(*, user):
    return TraceEvent.objects.filter(lot__in=lots_visible(user=user)).select_related("lot__producer")


def inspections_visible(*, user):
    return Inspection.objects.filter(lot__in=lots_visible(user=user)).select_related("lot__producer")


def certifications_visible(*, user):
    return (
        Certification.objects.filter(producer__in=dashboard_partners(user=user))
        .select_related("producer")
        .prefetch_related("products")
    )


def lot_certifications(*, lot):
    """The producer's certifications that cover the lot's product."""
    return Certification.objects.filter(producer=lot.producer, products=lot.product).order_by("-valid_to")
