"""A session's booking page and a booking's voucher (Vietnamese addresses, English under /en/)."""

from django.urls import path

from visits import views

app_name = "visits"

urlpatterns = [
    path("<int:pk>/dat-cho/", views.BookView.as_view(), name="book"),
    path("ve/<str:token>/", views.VoucherView.as_view(), name="voucher"),
]
