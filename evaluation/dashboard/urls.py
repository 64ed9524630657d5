"""The evaluation cycle's back-office pages (shop dashboard): producers' dossiers and the
office's completeness checks (`dossier_urls`), the council's scoring, closing and the
decision (`council_urls`)."""

from evaluation.dashboard import council_urls, dossier_urls

app_name = "evaluation-dashboard"

urlpatterns = [*dossier_urls.urlpatterns, *council_urls.urlpatterns]
