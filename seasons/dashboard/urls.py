"""A product's harvest windows in the back office: producers their own products', staff all."""

from django.urls import path

from seasons.dashboard import views

app_name = "seasons-dashboard"

urlpatterns = [
    path("products/<int:pk>/", views.ProductWindowsView.as_view(), name="product-windows"),
    path("windows/<int:pk>/edit/", views.WindowUpdateView.as_view(), name="window-update"),
    path("windows/<int:pk>/delete/", views.WindowDeleteView.as_view(), name="window-delete"),
]
