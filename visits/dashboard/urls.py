"""A producer's visit sessions, terms, bookings, day sheet and check-in (shop dashboard)."""

from django.urls import path

from visits.dashboard import views

app_name = "visits-dashboard"

urlpatterns = [
    path("", views.SessionListView.as_view(), name="session-list"),
    path("sessions/new/", views.SessionEditView.as_view(), name="session-create"),
    path("sessions/<int:pk>/", views.SessionBookingsView.as_view(), name="session-bookings"),
    path("sessions/<int:pk>/edit/", views.SessionEditView.as_view(), name="session-update"),
    path("sessions/<int:pk>/cancel/", views.SessionCancelView.as_view(), name="session-cancel"),
    path("series/new/", views.SeriesEditView.as_view(), name="series-create"),
    path("series/<int:pk>/edit/", views.SeriesEditView.as_view(), name="series-update"),
    path("terms/<int:product_pk>/", views.TermsView.as_view(), name="terms"),
    path("day-sheet/", views.DaySheetView.as_view(), name="day-sheet"),
    path("check-in/", views.CheckInCodeView.as_view(), name="check-in-code"),
    path("check-in/<str:token>/", views.CheckInView.as_view(), name="check-in"),
]
