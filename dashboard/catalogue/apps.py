import oscar.apps.dashboard.catalogue.apps as apps
from django.urls import path
from oscar.core.loading import get_class


class CatalogueDashboardConfig(apps.CatalogueDashboardConfig):
    """Oscar's catalogue dashboard, forked for the moderation of producers' listings
    (`dashboard.catalogue.views`), the OCOP certificates and evaluation requests
    (`dashboard.catalogue.certificates`), and to keep producers to their own and public
    products (`dashboard.catalogue.formsets`)."""

    name = "dashboard.catalogue"

    CERTIFICATE_VIEWS = {
        "certificate_list_view": "CertificateListView",
        "certificate_create_view": "CertificateCreateView",
        "certificate_update_view": "CertificateUpdateView",
        "certificate_revoke_view": "CertificateRevokeView",
        "certificate_supersede_view": "CertificateSupersedeView",
        "evaluation_request_create_view": "EvaluationRequestCreateView",
        "evaluation_queue_view": "EvaluationQueueView",
        "evaluation_decide_view": "EvaluationDecideView",
    }

    def ready(self):
        super().ready()
        self.moderation_list_view = get_class("dashboard.catalogue.views", "ModerationQueueView")
        self.moderation_detail_view = get_class("dashboard.catalogue.views", "ModerationDetailView")
        self.moderation_decide_view = get_class("dashboard.catalogue.views", "ModerationDecideView")
        for attribute, name in self.CERTIFICATE_VIEWS.items():
            setattr(self, attribute, get_class("dashboard.catalogue.certificates", name))

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
        # The list shows staff every certificate and a producer its own; asking for an
        # evaluation is a producer's (the view 404s anything not theirs).
        staff_or_producer = (DashboardPermission.staff, DashboardPermission.partner_dashboard_access)
        self.permissions_map["catalogue-certificate-list"] = staff_or_producer
        self.permissions_map["catalogue-evaluation-request"] = staff_or_producer
        for name in (
            "catalogue-certificate-create",
            "catalogue-certificate-update",
            "catalogue-certificate-revoke",
            "catalogue-certificate-supersede",
            "catalogue-evaluation-queue",
            "catalogue-evaluation-decide",
        ):
            self.permissions_map[name] = DashboardPermission.staff

    def get_urls(self):
        urls = super().get_urls()
        urls += self.post_process_urls(
            [
                path("moderation/", self.moderation_list_view.as_view(), name="catalogue-moderation-list"),
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
                path(
                    "certificates/", self.certificate_list_view.as_view(), name="catalogue-certificate-list"
                ),
                path(
                    "certificates/new/",
                    self.certificate_create_view.as_view(),
                    name="catalogue-certificate-create",
                ),
                path(
                    "certificates/<int:pk>/",
                    self.certificate_update_view.as_view(),
                    name="catalogue-certificate-update",
                ),
                path(
                    "certificates/<int:pk>/revoke/",
                    self.certificate_revoke_view.as_view(),
                    name="catalogue-certificate-revoke",
                ),
                path(
                    "certificates/<int:pk>/supersede/",
                    self.certificate_supersede_view.as_view(),
                    name="catalogue-certificate-supersede",
                ),
                path(
                    "certificates/<int:pk>/request/",
                    self.evaluation_request_create_view.as_view(),
                    name="catalogue-evaluation-request",
                ),
                path(
                    "certificates/requests/",
                    self.evaluation_queue_view.as_view(),
                    name="catalogue-evaluation-queue",
                ),
                path(
                    "certificates/requests/<int:pk>/",
                    self.evaluation_decide_view.as_view(),
                    name="catalogue-evaluation-decide",
                ),
            ]
        )
        return urls
