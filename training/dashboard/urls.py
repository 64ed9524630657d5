"""Producers register their people for courses; the OCOP office keeps the lists and checks
people in (shop dashboard)."""

from django.urls import path

from training.dashboard import views

app_name = "training-dashboard"

urlpatterns = [
    path("", views.CourseListView.as_view(), name="list"),
    path("<int:course_pk>/register/", views.RegisterView.as_view(), name="register"),
    path("registrations/<int:pk>/cancel/", views.CancelView.as_view(), name="cancel"),
    path("registrations/<int:pk>/certificate.pdf", views.CertificateView.as_view(), name="certificate"),
    path("office/", views.StaffCourseListView.as_view(), name="staff-course-list"),
    path("office/<int:course_pk>/", views.StaffRegistrationListView.as_view(), name="staff-registrations"),
    path("office/registrations/<int:pk>/cancel/", views.StaffCancelView.as_view(), name="staff-cancel"),
    path("office/sessions/<int:session_pk>/", views.AttendanceView.as_view(), name="attendance"),
    path("check-in/<str:token>/", views.CheckInView.as_view(), name="check-in"),
]
