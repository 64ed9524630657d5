from django.urls import path

from programme.dashboard import views

app_name = "programme-dashboard"

urlpatterns = [
    path("", views.ProgrammeView.as_view(), name="figures"),
    path("<slug:table>.csv", views.TableCsvView.as_view(), name="csv"),
]
