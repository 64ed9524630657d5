"""The dashboard's home page: Oscar's for staff, a producer's own figures for producers."""

from django.utils import timezone
from oscar.apps.dashboard import views
from oscar.core.loading import get_model

from core.permissions import producer_partners, user_is_staff
from fairs.models import ApplicationStatus
from fairs.selectors import applications_of_producers, fairs_open_for_applications
from inquiries.models import InquiryStatus
from inquiries.selectors import inquiry_counts_for_producers
from order.models import FulfilmentStatus, Order
from order.selectors import producer_parts, producer_revenue

Product = get_model("catalogue", "Product")


class IndexView(views.IndexView):
    def get_template_names(self):
        if user_is_staff(self.request.user):
            return super().get_template_names()
        return ["dashboard/index_producer.html"]

    def get_stats(self):
        user = self.request.user
        if user_is_staff(user):
            return super().get_stats()
        month_start = timezone.localtime().replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        this_month = Order.objects.filter(lines__partner__users=user, date_placed__gte=month_start).distinct()
        partners = producer_partners(user)
        to_handle = producer_parts(user=user).filter(
            status__in=[FulfilmentStatus.PLACED, FulfilmentStatus.CONFIRMED]
        )
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
