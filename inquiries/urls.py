"""Buyers write to a producer or about a product (see inquiries.views for the URL contract)."""

from django.urls import path

from inquiries import views

app_name = "inquiries"

urlpatterns = [
    path("new/", views.InquiryCreateView.as_view(), name="new"),
    path("thanks/", views.InquiryThanksView.as_view(), name="thanks"),
]
