"""The OCOP programme's figures for staff (shop dashboard)."""

from django.urls import path

from programme import views

app_name = "programme"

urlpatterns = [
    path("", views.ProgrammeView.as_view(), name="figures"),
    path("<slug:table>.csv", views.TableCsvView.as_view(), name="csv"),
]
