from django.urls import path

from sales.dashboard import views

app_name = "sales-dashboard"

urlpatterns = [
    path("", views.FiguresView.as_view(), name="figures"),
    path("months.csv", views.MonthsCsvView.as_view(), name="figures-months-csv"),
    path("products.csv", views.ProductsCsvView.as_view(), name="figures-products-csv"),
]
