from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from core.permissions import user_is_staff_or_producer

from .viewsets import producer_chooser_viewset, product_chooser_viewset


@hooks.register("register_admin_viewset")
def register_product_chooser():
    return product_chooser_viewset


@hooks.register("register_admin_viewset")
def register_producer_chooser():
    return producer_chooser_viewset


class ShopDashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return user_is_staff_or_producer(request.user)


@hooks.register("register_admin_menu_item")
def register_shop_dashboard_link():
    return ShopDashboardMenuItem(
        _("Shop dashboard (Oscar)"), reverse("dashboard:index"), icon_name="site", order=10000
    )
