"""Buyers reserve from a book's page; their reservation opens by its random token."""

from django.urls import path

from preorders import views

app_name = "preorders"

urlpatterns = [
    path("<int:book_pk>/", views.ReserveView.as_view(), name="reserve"),
    path("cua-toi/", views.MyReservationsView.as_view(), name="mine"),
    path("phieu/<str:token>/", views.ReservationView.as_view(), name="reservation"),
    path("phieu/<str:token>/huy/", views.ReservationCancelView.as_view(), name="cancel"),
]
