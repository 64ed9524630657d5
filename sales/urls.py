from django.urls import path

from sales import views

app_name = "sales"
urlpatterns = [
    path("", views.FiguresView.as_view(), name="figures"),
    path("months.csv", views.MonthsCsvView.as_view(), name="figures-months-csv"),
    path("products.csv", views.ProductsCsvView.as_view(), name="figures-products-csv"),
]
