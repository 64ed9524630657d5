"""Producers apply for booths; the OCOP office decides (shop dashboard)."""

app_name = "fairs-dashboard"

urlpatterns = []
