"""The dashboard's home page: the OCOP office's work queue for staff, a producer's own figures
for producers; Oscar's shop statistics on a page of their own (staff)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from oscar.apps.dashboard import views
from oscar.core.loading import get_model

from catalog import certificates
from catalog.selectors import listing_changes_waiting_counts
from core.permissions import producer_partners, staff_required, user_is_staff
from evaluation.decision import rounds_waiting_for_decision_count
from evaluation.models import RoundStatus
from evaluation.selectors import dossiers_waiting_check_count
from fairs.models import ApplicationStatus
from fairs.selectors import (
    applications_of_producers,
    booth_applications_waiting_count,
    fairs_open_for_applications,
)
from inquiries.models import InquiryStatus
from inquiries.selectors import inquiry_counts_for_producers
from onboarding.selectors import producer_applications_waiting_count
from order import selectors as order_selectors
from order.models import Order
from order.selectors import producer_parts_to_handle, producer_revenue

Product = get_model("catalogue", "Product")

# The days before expiry at which producers are reminded (90 and 30): the office sees the same.
CERTIFICATE_WARNING_DAYS = certificates.REMINDER_DAYS


def office_queue(*, now) -> list[dict]:
    """The OCOP office's work, one row per kind: what it is, how many wait, where they are.

    Each count comes from a selector of the app that owns the rows, one query each (listings
    and certificates count two figures in one); `tests/dashboard/test_office_home.py` holds
    the total."""
    today = timezone.localdate(now)
    listings = listing_changes_waiting_counts()
    ending = certificates.certificates_ending_counts(on=today, within=CERTIFICATE_WARNING_DAYS)
    certificate_list = reverse("catalog-dashboard:certificate-list")
    return [
        {
            "key": "new-listings",
            "label": _("New listings waiting for moderation"),
            "count": listings["new"],
            "url": reverse("catalog-dashboard:moderation-list") + "?kind=new",
        },
        {
            "key": "listing-changes",
            "label": _("Changes to listings on sale waiting for moderation"),
            "count": listings["change"],
            "url": reverse("catalog-dashboard:moderation-list") + "?kind=change",
        },
        {
            "key": "producer-applications",
            "label": _("Producers asking to join the marketplace"),
            "count": producer_applications_waiting_count(),
            "url": reverse("onboarding-dashboard:application-list"),
        },
        {
            "key": "booth-applications",
            "label": _("Booth applications waiting for a decision"),
            "count": booth_applications_waiting_count(),
            "url": reverse("fairs-dashboard:staff-fair-list"),
        },
        {
            "key": "evaluation-requests",
            "label": _("Requests for re-evaluation or upgrade"),
            "count": certificates.evaluation_requests_waiting_count(),
            "url": reverse("catalog-dashboard:evaluation-queue"),
        },
        {
            "key": "evaluation-decisions",
            "label": _("Evaluation councils closed: the decision to record"),
            "count": rounds_waiting_for_decision_count(),
            "url": reverse("evaluation-dashboard:council-rounds") + f"?status={RoundStatus.CLOSED}",
        },
        {
            "key": "evaluation-dossiers",
            "label": _("OCOP evaluation dossiers waiting for the completeness check"),
            "count": dossiers_waiting_check_count(),
            "url": reverse("evaluation-dashboard:round-list"),
        },
        *(
            {
                "key": f"certificates-ending-{days}",
                "label": _("OCOP certificates ending within %(days)d days") % {"days": days},
                "count": ending[days],
                "url": f"{certificate_list}?ending_within={days}",
            }
            for days in CERTIFICATE_WARNING_DAYS
        ),
        {
            "key": "unmatched-transfers",
            "label": _("Bank transfers that matched no order (last %(days)d days)")
            % {"days": order_selectors.UNMATCHED_TRANSFER_DAYS},
            "count": order_selectors.bank_transfers_unmatched(on=today).count(),
            "url": reverse("order-dashboard:transfers-unmatched"),
        },
        {
            "key": "cod-unconfirmed",
            "label": _("Cash on delivery orders the producer has not confirmed after %(hours)d hours")
            % {"hours": order_selectors.COD_CONFIRM_EXPECTED_HOURS},
            "count": order_selectors.cod_parts_unconfirmed(now=now).count(),
            "url": reverse("order-dashboard:cod-parts-unconfirmed"),
        },
    ]


class IndexView(views.IndexView):
    def get_template_names(self):
        if user_is_staff(self.request.user):
            return ["dashboard/index_office.html"]
        return ["dashboard/index_producer.html"]

    def get_stats(self):
        user = self.request.user
        if user_is_staff(user):
            return {"queue": office_queue(now=timezone.now())}
        month_start = timezone.localtime().replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        this_month = Order.objects.filter(lines__partner__users=user, date_placed__gte=month_start).distinct()
        partners = producer_partners(user)
        to_handle = producer_parts_to_handle(user=user)
        return {
            "producer_parts_to_handle": to_handle.select_related("order").order_by("order__date_placed")[:20],
            "producer_parts_to_handle_count": to_handle.count(),
            "producer_orders_this_month": this_month.count(),
            "producer_revenue_this_month": producer_revenue(user=user, orders=this_month),
            "producer_products": Product.objects.filter(stockrecords__partner__users=user).distinct().count(),
            "month_start": month_start,
            "producer_new_inquiries": inquiry_counts_for_producers(partners=partners).get(
                InquiryStatus.NEW, 0
            ),
            "producer_pending_applications": applications_of_producers(partners=partners)
            .filter(status__in=[ApplicationStatus.PENDING, ApplicationStatus.WAITLISTED])
            .count(),
            "producer_open_fairs": fairs_open_for_applications().count(),
        }


@method_decorator(staff_required, name="dispatch")
class StatisticsView(views.IndexView):
    """Oscar's shop statistics (orders, customers, catalogue, offers), for staff."""

    # Oscar's offer types (`ConditionalOffer.offer_type`), in words a shop would use.
    OFFER_KINDS = {
        "Site": _("Offers open to every customer"),
        "Voucher": _("Offers given by a voucher code"),
        "User": _("Offers for some customers"),
        "Session": _("Offers for a visit"),
    }

    def get_template_names(self):
        return ["dashboard/statistics.html"]

    def get_stats(self):
        stats = super().get_stats()
        stats["offers"] = [
            (self.OFFER_KINDS.get(row["offer_type"], row["offer_type"]), row["count"])
            for row in stats.pop("offer_maps", [])
        ]
        return stats
