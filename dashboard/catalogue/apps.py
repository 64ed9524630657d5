import oscar.apps.dashboard.catalogue.apps as apps
from django.urls import path
from oscar.core.loading import get_class


class CatalogueDashboardConfig(apps.CatalogueDashboardConfig):
    """Oscar's catalogue dashboard, forked for the moderation of producers' listings
    (`dashboard.catalogue.views`) and to keep producers to their own and public products
    (`dashboard.catalogue.formsets`)."""

    name = "dashboard.catalogue"

    def ready(self):
        super().ready()
        self.moderation_list_view = get_class("dashboard.catalogue.views", "ModerationQueueView")
        self.moderation_detail_view = get_class("dashboard.catalogue.views", "ModerationDetailView")
        self.moderation_decide_view = get_class("dashboard.catalogue.views", "ModerationDecideView")
        self.certificate_list_view = get_class("dashboard.catalogue.views", "CertificateListView")

    def configure_permissions(self):
        super().configure_permissions()
        DashboardPermission = get_class("dashboard.permissions", "DashboardPermission")
        staff = (DashboardPermission.get("catalogue", "change_product"),)
        for name in (
            "catalogue-moderation-list",
            "catalogue-moderation-detail",
            "catalogue-moderation-decide",
        ):
            self.permissions_map[name] = staff
        self.permissions_map["catalogue-certificate-list"] = (
            DashboardPermission.get("catalogue", "view_product"),
            DashboardPermission.partner_dashboard_access,
        )

    def get_urls(self):
        urls = super().get_urls()
        urls += self.post_process_urls(
            [
                path("moderation/", self.moderation_list_view.as_view(), name="catalogue-moderation-list"),
                path(
                    "certificates/", self.certificate_list_view.as_view(), name="catalogue-certificate-list"
                ),
                path(
                    "moderation/<int:pk>/",
                    self.moderation_detail_view.as_view(),
                    name="catalogue-moderation-detail",
                ),
                path(
                    "moderation/<int:pk>/decide/",
                    self.moderation_decide_view.as_view(),
                    name="catalogue-moderation-decide",
                ),
            ]
        )
        return urls
