"""The producer's lots, certifications, inspections and supply-chain events, in the dashboard."""

app_name = "traceability-dashboard"

urlpatterns = []
