"""Officials register for a course on its page; the confirmation opens by its token."""

from django.urls import path

from training import views

app_name = "training"

urlpatterns = [
    path("<int:course_pk>/register/", views.RegisterView.as_view(), name="register"),
    path("registered/<str:token>/", views.RegisteredView.as_view(), name="registered"),
]
