"""Producers apply for booths; the OCOP office decides (shop dashboard)."""

from django.urls import path

from fairs.dashboard import views

app_name = "fairs-dashboard"

urlpatterns = [
    path("", views.FairListView.as_view(), name="fair-list"),
    path("<int:fair_pk>/apply/", views.ApplyView.as_view(), name="apply"),
    path("applications/<int:pk>/", views.ApplicationDetailView.as_view(), name="application-detail"),
    path("applications/<int:pk>/withdraw/", views.WithdrawView.as_view(), name="application-withdraw"),
    path("office/", views.StaffFairListView.as_view(), name="staff-fair-list"),
    path("office/<int:fair_pk>/", views.StaffApplicationListView.as_view(), name="staff-application-list"),
    path("office/applications/<int:pk>/", views.StaffDecideView.as_view(), name="staff-decide"),
]
