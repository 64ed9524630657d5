"""Routes of the council pages, part of `evaluation-dashboard` (evaluation/dashboard/urls.py):
a member's (`council/…`) and the office's (`rounds/<round>/council/…`)."""

from django.urls import path

from evaluation.dashboard import council_views as views

urlpatterns = [
    path("council/", views.CouncilRoundListView.as_view(), name="council-rounds"),
    path("council/<int:round_pk>/", views.MemberRoundView.as_view(), name="council-round"),
    path(
        "council/<int:round_pk>/dossiers/<int:dossier_pk>/",
        views.SheetView.as_view(),
        name="council-sheet",
    ),
    path("rounds/<int:round_pk>/council/", views.ManageView.as_view(), name="council-manage"),
    path("rounds/<int:round_pk>/council/members/", views.MemberAddView.as_view(), name="council-member-add"),
    path(
        "rounds/<int:round_pk>/council/members/<int:pk>/remove/",
        views.MemberRemoveView.as_view(),
        name="council-member-remove",
    ),
    path(
        "rounds/<int:round_pk>/council/scoring/", views.ScoringOpenView.as_view(), name="council-scoring-open"
    ),
    path("rounds/<int:round_pk>/council/close/", views.CloseView.as_view(), name="council-close"),
    path("rounds/<int:round_pk>/council/decision/", views.DecideView.as_view(), name="council-decide"),
    path(
        "rounds/<int:round_pk>/council/summary.pdf",
        views.SummaryPdfView.as_view(),
        name="council-summary-pdf",
    ),
    path(
        "rounds/<int:round_pk>/council/results.csv",
        views.ResultsCsvView.as_view(),
        name="council-results-csv",
    ),
]
