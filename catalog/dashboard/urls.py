"""The moderation queue and the OCOP certificates (shop dashboard, beside Oscar's catalogue)."""

from django.urls import path

from catalog.dashboard import views

app_name = "catalog-dashboard"

urlpatterns = [
    path("moderation/", views.ModerationQueueView.as_view(), name="moderation-list"),
    path("moderation/<int:pk>/", views.ModerationDetailView.as_view(), name="moderation-detail"),
    path("moderation/<int:pk>/decide/", views.ModerationDecideView.as_view(), name="moderation-decide"),
    path("certificates/", views.CertificateListView.as_view(), name="certificate-list"),
    path("certificates/new/", views.CertificateCreateView.as_view(), name="certificate-create"),
    path("certificates/<int:pk>/", views.CertificateUpdateView.as_view(), name="certificate-update"),
    path("certificates/<int:pk>/revoke/", views.CertificateRevokeView.as_view(), name="certificate-revoke"),
    path(
        "certificates/<int:pk>/supersede/",
        views.CertificateSupersedeView.as_view(),
        name="certificate-supersede",
    ),
    path(
        "certificates/<int:pk>/request/",
        views.EvaluationRequestCreateView.as_view(),
        name="evaluation-request",
    ),
    path("certificates/requests/", views.EvaluationQueueView.as_view(), name="evaluation-queue"),
    path("certificates/requests/<int:pk>/", views.EvaluationDecideView.as_view(), name="evaluation-decide"),
]
