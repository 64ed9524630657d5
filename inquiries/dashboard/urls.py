"""Producers read and answer their inquiries (shop dashboard); staff volumes are in programme/."""

from django.urls import path

from inquiries.dashboard import views

app_name = "inquiries-dashboard"

urlpatterns = [
    path("", views.InquiryListView.as_view(), name="list"),
    path("<int:pk>/", views.InquiryDetailView.as_view(), name="detail"),
    path("<int:pk>/close/", views.InquiryCloseView.as_view(), name="close"),
]
