"""The OCOP programme's figures for staff (shop dashboard)."""

app_name = "programme"

urlpatterns = []
