"""Public trace pages: GS1 Digital Link shaped `/01/<gtin>/10/<lot>` and short `/t/<code>`."""

app_name = "traceability"

urlpatterns = []
