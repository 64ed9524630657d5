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


def _label_what_wagtail_names_in_english():
    """Labels Wagtail takes from a field's name, so never translated: the Sites listing's
    "Port", "Site name" and "Root page" columns, and the workflow editor's "Page" field. They
    take the fields' translated names instead."""
    from django.utils.text import capfirst
    from wagtail.admin.forms.workflows import WorkflowPageForm
    from wagtail.models import Site
    from wagtail.sites.views import IndexView as SiteIndexView

    for column in SiteIndexView.columns:
        if column.name in {"port", "site_name", "root_page"}:
            column.label = capfirst(Site._meta.get_field(column.name).verbose_name)
    WorkflowPageForm.base_fields["page"].label = _("Page")


_label_what_wagtail_names_in_english()
