from django.urls import path

from onboarding import views

app_name = "onboarding"
urlpatterns = [
    path("producers/apply/", views.ApplyView.as_view(), name="apply"),
    path("producers/applied/", views.AppliedView.as_view(), name="applied"),
    path("dashboard/applications/", views.ApplicationListView.as_view(), name="application-list"),
    path(
        "dashboard/applications/<int:pk>/", views.ApplicationDetailView.as_view(), name="application-detail"
    ),
    path(
        "dashboard/applications/<int:pk>/decide/",
        views.ApplicationDecideView.as_view(),
        name="application-decide",
    ),
    path("dashboard/applications/documents/<int:pk>/", views.document_download, name="document"),
    path("dashboard/team/", views.TeamView.as_view(), name="team"),
    path(
        "dashboard/team/<int:partner_id>/remove/<int:user_id>/",
        views.TeamMemberRemoveView.as_view(),
        name="team-remove",
    ),
]
