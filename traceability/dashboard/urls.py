"""The producer's lots, certifications, inspections and supply-chain events, in the dashboard."""

from django.urls import path

from traceability.dashboard import views

app_name = "traceability-dashboard"

urlpatterns = [
    path("", views.LotListView.as_view(), name="lot-list"),
    path("new/", views.LotCreateView.as_view(), name="lot-create"),
    path("<int:pk>/", views.LotDetailView.as_view(), name="lot-detail"),
    path("<int:pk>/edit/", views.LotUpdateView.as_view(), name="lot-update"),
    path("<int:pk>/publish/", views.LotPublishView.as_view(publish=True), name="lot-publish"),
    path("<int:pk>/unpublish/", views.LotPublishView.as_view(publish=False), name="lot-unpublish"),
    path("<int:pk>/events/new/", views.EventCreateView.as_view(), name="event-create"),
    path("events/<int:pk>/edit/", views.EventUpdateView.as_view(), name="event-update"),
    path("events/<int:pk>/delete/", views.EventDeleteView.as_view(), name="event-delete"),
    path("<int:pk>/inspections/new/", views.InspectionCreateView.as_view(), name="inspection-create"),
    path("inspections/<int:pk>/edit/", views.InspectionUpdateView.as_view(), name="inspection-update"),
    path("inspections/<int:pk>/delete/", views.InspectionDeleteView.as_view(), name="inspection-delete"),
    path("products/<int:pk>/pack/", views.TradeItemView.as_view(), name="trade-item"),
    path("certifications/", views.CertificationListView.as_view(), name="certification-list"),
    path("certifications/new/", views.CertificationCreateView.as_view(), name="certification-create"),
    path(
        "certifications/<int:pk>/edit/",
        views.CertificationUpdateView.as_view(),
        name="certification-update",
    ),
    path(
        "certifications/<int:pk>/delete/",
        views.CertificationDeleteView.as_view(),
        name="certification-delete",
    ),
]
