"""Buyers write to a producer or about a product."""

app_name = "inquiries"

urlpatterns = []
