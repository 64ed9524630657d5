"""Producers read and answer their inquiries; staff read the volumes (shop dashboard)."""

app_name = "inquiries-dashboard"

urlpatterns = []
