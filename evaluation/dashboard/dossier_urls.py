"""Routes of the dossier pages, part of `evaluation-dashboard` (evaluation/dashboard/urls.py)."""

urlpatterns = []
