"""The public application form and the invitation page; staff's review and a producer's team
are in onboarding/dashboard/."""

from django.urls import path

from onboarding import views

app_name = "onboarding"
urlpatterns = [
    path("apply/", views.ApplyView.as_view(), name="apply"),
    path("applied/", views.AppliedView.as_view(), name="applied"),
    path("invitations/<str:token>/", views.InvitationView.as_view(), name="invitation"),
]
