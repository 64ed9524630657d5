from django.urls import path

from spreadsheets.dashboard import views

app_name = "spreadsheets-dashboard"

urlpatterns = [
    path("", views.ListingsImportView.as_view(), name="listings-import"),
    path("export.csv", views.ListingsCsvView.as_view(), name="listings-export-csv"),
    path("export.xlsx", views.ListingsXlsxView.as_view(), name="listings-export-xlsx"),
]
