"""The criteria sheets' staff pages (shop dashboard)."""

from django.urls import path

from criteria.dashboard import views

app_name = "criteria-dashboard"

urlpatterns = [
    path("", views.SheetListView.as_view(), name="sheet-list"),
    path("import/", views.SheetImportView.as_view(), name="sheet-import"),
    path("<int:pk>/", views.SheetDetailView.as_view(), name="sheet-detail"),
    path("<int:pk>/in-use/", views.SheetInUseView.as_view(), name="sheet-in-use"),
    path("<int:pk>/export.csv", views.SheetCsvView.as_view(), name="sheet-export-csv"),
    path("<int:pk>/export.xlsx", views.SheetXlsxView.as_view(), name="sheet-export-xlsx"),
]
