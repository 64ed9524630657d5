"""Routes of the dossier pages, part of `evaluation-dashboard` (evaluation/dashboard/urls.py)."""

from django.urls import path

from evaluation.dashboard import dossier_views as views

urlpatterns = [
    # Producers
    path("", views.DossierListView.as_view(), name="dossier-list"),
    path("rounds/<int:round_pk>/register/", views.RegisterView.as_view(), name="dossier-register"),
    path("dossiers/<int:pk>/", views.DossierDetailView.as_view(), name="dossier-detail"),
    path("dossiers/<int:pk>/registration/", views.DossierUpdateView.as_view(), name="dossier-update"),
    path("dossiers/<int:pk>/documents/", views.DocumentAddView.as_view(), name="dossier-document-add"),
    path("dossiers/<int:pk>/self-assessment/", views.SelfAssessView.as_view(), name="dossier-self-assess"),
    path("dossiers/<int:pk>/submit/", views.SubmitView.as_view(), name="dossier-submit"),
    path("dossiers/<int:pk>/withdraw/", views.WithdrawView.as_view(), name="dossier-withdraw"),
    path("documents/<int:pk>/delete/", views.DocumentDeleteView.as_view(), name="dossier-document-delete"),
    # Producers (their own dossiers' files) and the office
    path("documents/<int:pk>/", views.document_download, name="dossier-document"),
    # The OCOP office
    path("office/rounds/", views.RoundListView.as_view(), name="round-list"),
    path("office/rounds/new/", views.RoundCreateView.as_view(), name="round-create"),
    path("office/rounds/<int:pk>/", views.RoundDetailView.as_view(), name="round-detail"),
    path("office/rounds/<int:pk>/edit/", views.RoundUpdateView.as_view(), name="round-update"),
    path(
        "office/rounds/<int:pk>/from-request/<int:request_pk>/",
        views.DossierFromRequestView.as_view(),
        name="round-dossier-from-request",
    ),
    path("office/dossiers/<int:pk>/", views.StaffDossierView.as_view(), name="staff-dossier"),
    path("office/dossiers/<int:pk>/return/", views.StaffReturnView.as_view(), name="staff-dossier-return"),
    path("office/dossiers/<int:pk>/accept/", views.StaffAcceptView.as_view(), name="staff-dossier-accept"),
    path(
        "office/dossiers/<int:pk>/commune-check/",
        views.StaffCommuneCheckView.as_view(),
        name="staff-commune-check",
    ),
]
