"""Background tasks for the OCOP office: what waits, what failed and why, and running a failed
task or an unsent mail again. Staff only: producers and visitors are sent to the login page.

With the immediate task backend (development) tasks run at once and leave no rows: the page
says so, and still lists the outbox's mails that were not sent.
"""

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View, generic
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.models import DRAFT_ABANDONED_AFTER, OutboxMail
from core.outbox import mail_deliver
from core.permissions import staff_required
from core.tasks import task_counts, task_run_again, tasks_run_by_worker

SHOWN = 50  # rows per list; the counts cover them all


class StaffMixin:
    @method_decorator(staff_required)
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)


def _error_line(result: DBTaskResult) -> str:
    lines = result.traceback.strip().splitlines()
    return lines[-1] if lines else result.exception_class_path


class TasksView(StaffMixin, generic.TemplateView):
    template_name = "core/dashboard/tasks.html"

    def get_context_data(self, **kwargs):
        failed = list(DBTaskResult.objects.failed().order_by("-finished_at")[:SHOWN])
        for result in failed:
            result.error_line = _error_line(result)
        waiting = DBTaskResult.objects.filter(
            status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]
        ).order_by("run_after", "enqueued_at")[:SHOWN]
        unsent = OutboxMail.objects.filter(
            Q(status__in=[OutboxMail.Status.FAILED, OutboxMail.Status.UNCERTAIN, OutboxMail.Status.UNWRITTEN])
            | Q(status=OutboxMail.Status.DRAFTED, created__lt=timezone.now() - DRAFT_ABANDONED_AFTER)
        ).order_by("-updated")[:SHOWN]
        mail_counts = {status: 0 for status in OutboxMail.Status.values}
        for row in OutboxMail.objects.values("status").annotate(n=Count("pk")).order_by():
            mail_counts[row["status"]] = row["n"]
        return super().get_context_data(
            worker_backend=tasks_run_by_worker(),
            counts=task_counts(),
            failed=failed,
            waiting=waiting,
            unsent=unsent,
            mail_counts=[(OutboxMail.Status(status).label, n) for status, n in mail_counts.items()],
            **kwargs,
        )


class TaskRunAgainView(StaffMixin, View):
    def post(self, request, task_id):
        result = DBTaskResult.objects.failed().filter(pk=task_id).first()
        if result is None:
            raise Http404("no such failed task")
        task_run_again(result=result)
        messages.success(request, _("The task is queued again; the worker runs it shortly."))
        return HttpResponseRedirect(reverse("core-dashboard:tasks"))


class MailSendAgainView(StaffMixin, View):
    def post(self, request, mail_id):
        mail = OutboxMail.objects.filter(
            pk=mail_id, status__in=[OutboxMail.Status.FAILED, OutboxMail.Status.UNCERTAIN]
        ).first()
        if mail is None:
            raise Http404("no such unsent mail")
        mail_deliver.enqueue(str(mail.pk))
        messages.success(request, _("The mail is queued to be sent again."))
        return HttpResponseRedirect(reverse("core-dashboard:tasks"))
