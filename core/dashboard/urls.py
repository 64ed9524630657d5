from django.urls import path

from core.dashboard import views

app_name = "core-dashboard"

urlpatterns = [
    path("", views.TasksView.as_view(), name="tasks"),
    path("<uuid:task_id>/run-again/", views.TaskRunAgainView.as_view(), name="task-run-again"),
    path("mails/<uuid:mail_id>/send-again/", views.MailSendAgainView.as_view(), name="mail-send-again"),
]
