"""Oscar's order dashboard, with a producer's view limited to its own part of each order.

Oscar lets a producer see every order that holds one of its lines, and all of such an order:
the other producers' lines, the order total, the payments, the notes, and actions on all of it
(see Oscar's docs on `get_order_lines`). Here a producer (a non-staff user with
`partner.dashboard_access`) sees its own lines, its own part's status and delivery fee, and
what it sold, and acts on its part only through `order.fulfilment` (confirm, ship, deliver,
cancel). Staff keep Oscar's views, with the marketplace's payment and parts panel.
"""

from django.shortcuts import get_object_or_404
from oscar.apps.dashboard.orders import views
from oscar.apps.dashboard.orders.views import get_order_for_user_or_404, queryset_orders_for_user

from core.downloads import cell_text_safe
from core.permissions import user_is_staff
from order.models import FulfilmentStatus
from order.selectors import (
    orders_with_producer_figures,
    producer_lines,
    producer_lines_of,
    producer_parts_of,
    producer_revenue,
)


class OrderStatsView(views.OrderStatsView):
    def get_stats(self, filters):
        if user_is_staff(self.request.user):
            return super().get_stats(filters)
        user = self.request.user
        orders = queryset_orders_for_user(user).filter(**filters)
        return {
            "total_orders": orders.count(),
            "total_lines": producer_lines(user=user).filter(order__in=orders).count(),
            "total_revenue": producer_revenue(user=user, orders=orders),
            "order_status_breakdown": [],
        }


class OrderListView(views.OrderListView):
    def dispatch(self, request, *args, **kwargs):
        if not user_is_staff(request.user):
            # Changing a whole order's status is staff work; a producer moves its own part.
            self.actions = ("download_selected_orders",)
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        queryset = super().get_queryset()
        if not user_is_staff(self.request.user):
            queryset = orders_with_producer_figures(orders=queryset, user=self.request.user)
        return queryset

    def get_template_names(self):
        if not user_is_staff(self.request.user):
            return ["dashboard/orders/order_list_producer.html"]
        return super().get_template_names()

    def get_context_data(self, **kwargs):
        return super().get_context_data(part_statuses=FulfilmentStatus.choices, **kwargs)

    def get_row_values(self, order):
        """Oscar's CSV row; text a buyer typed (names, e-mail) is kept from running as a formula."""
        row = super().get_row_values(order)
        if not user_is_staff(self.request.user):
            row.update(
                value=order.producer_goods + order.producer_delivery,
                num_items=order.producer_items,
                status=order.get_status_display(),
            )
        return {column: cell_text_safe(value) for column, value in row.items()}


class OrderDetailView(views.OrderDetailView):
    def dispatch(self, request, *args, **kwargs):
        if not user_is_staff(request.user):
            # Notes, payment and shipping events, and line statuses concern the whole order:
            # staff's. A producer acts on its own part from the parts panel.
            self.order_actions = ()
            self.line_actions = ()
        return super().dispatch(request, *args, **kwargs)

    def get_order_lines(self):
        # The lot each line was shipped from is shown (and links to its trace page).
        if not user_is_staff(self.request.user):
            lines = producer_lines_of(order=self.object, user=self.request.user)
        else:
            lines = super().get_order_lines()
        return lines.select_related("lot__product__trade_item").order_by("pk")

    def get_template_names(self):
        if not user_is_staff(self.request.user):
            return ["dashboard/orders/order_detail_producer.html"]
        return super().get_template_names()

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        if not user_is_staff(self.request.user):
            parts = list(producer_parts_of(order=self.object, user=self.request.user))
            lines = list(ctx["lines"])
            goods = sum((line.line_price_incl_tax for line in lines), 0)
            delivery = sum((part.shipping_charge for part in parts), 0)
            ctx.update(parts=parts, goods=goods, delivery=delivery, producer_total=goods + delivery)
        return ctx

    def get_payment_transactions(self):
        if not user_is_staff(self.request.user):
            return []
        return super().get_payment_transactions()


class LineDetailView(views.LineDetailView):
    def get_object(self, queryset=None):
        order = get_order_for_user_or_404(self.request.user, self.kwargs["number"])
        if not user_is_staff(self.request.user):
            lines = producer_lines_of(order=order, user=self.request.user)
        else:
            lines = order.lines.all()
        return get_object_or_404(lines, pk=self.kwargs["line_id"])
