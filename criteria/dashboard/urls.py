"""The criteria sheets' staff pages (shop dashboard)."""

app_name = "criteria-dashboard"

urlpatterns = []
