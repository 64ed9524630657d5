"""Producers' applications (staff) and a producer's team (shop dashboard)."""

from django.urls import path

from onboarding.dashboard import views

app_name = "onboarding-dashboard"

urlpatterns = [
    path("applications/", views.ApplicationListView.as_view(), name="application-list"),
    path("applications/<int:pk>/", views.ApplicationDetailView.as_view(), name="application-detail"),
    path("applications/<int:pk>/decide/", views.ApplicationDecideView.as_view(), name="application-decide"),
    path("applications/documents/<int:pk>/", views.document_download, name="document"),
    path("team/", views.TeamView.as_view(), name="team"),
    path(
        "team/<int:partner_id>/remove/<int:user_id>/",
        views.TeamMemberRemoveView.as_view(),
        name="team-remove",
    ),
    path(
        "team/<int:partner_id>/invitations/<int:pk>/cancel/",
        views.TeamInvitationCancelView.as_view(),
        name="team-invitation-cancel",
    ),
    path(
        "team/<int:partner_id>/invitations/<int:pk>/resend/",
        views.TeamInvitationResendView.as_view(),
        name="team-invitation-resend",
    ),
]
