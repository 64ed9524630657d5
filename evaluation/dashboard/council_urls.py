"""Routes of the council pages, part of `evaluation-dashboard` (evaluation/dashboard/urls.py)."""

urlpatterns = []
