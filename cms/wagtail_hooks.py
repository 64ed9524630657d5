from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .viewsets import producer_chooser_viewset, product_chooser_viewset


@hooks.register("register_admin_viewset")
def register_product_chooser():
    return product_chooser_viewset


@hooks.register("register_admin_viewset")
def register_producer_chooser():
    return producer_chooser_viewset


class ShopDashboardMenuItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        return user.is_staff or user.has_perm("partner.dashboard_access")


@hooks.register("register_admin_menu_item")
def register_shop_dashboard_link():
    return ShopDashboardMenuItem(
        _("Shop dashboard (Oscar)"), reverse("dashboard:index"), icon_name="site", order=10000
    )
