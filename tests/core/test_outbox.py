"""Mails through the outbox and a worker: sent after the worker runs, once, even when the task
runs twice; a mail server that is down is tried again with backoff, then shown to staff."""

import datetime

import pytest
from django.core import mail
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.mails import mail_send_after_commit
from core.models import OutboxMail
from core.outbox import MAIL_ATTEMPTS, MAIL_RETRY_DELAY
from tests.core.factories import UserFactory
from tests.partner.factories import ProducerFactory

pytestmark = pytest.mark.django_db

ACCOUNT_EXISTS = {
    "prefix": "customer/mail/account_exists",
    "to": ["nguoi-mua@ocop.example"],
    "language": "vi",
    "context": {"login_url": "https://ocop.example/dang-nhap/", "reset_url": "https://ocop.example/quen/"},
}


def test_a_mail_waits_for_the_worker_then_is_sent_once(task_worker, committed):
    # Given a mail decided in a transaction
    with committed():
        mail_send_after_commit(**ACCOUNT_EXISTS)
    # Then nothing is sent yet: the mail and its task wait
    assert mail.outbox == []
    [waiting] = OutboxMail.objects.all()
    assert waiting.status == OutboxMail.Status.QUEUED
    [task] = DBTaskResult.objects.all()
    assert (task.status, task.task_path, task.args_kwargs["args"]) == (
        TaskResultStatus.READY,
        "core.outbox.mail_deliver",
        [str(waiting.pk)],
    )
    # When the worker runs
    task_worker()
    # Then the mail is sent, with a Message-ID made from its key, and only its envelope is kept
    [sent] = mail.outbox
    assert sent.to == ["nguoi-mua@ocop.example"]
    assert "https://ocop.example/dang-nhap/" in sent.body
    assert sent.extra_headers["Message-ID"].startswith(f"<{waiting.pk}@")
    waiting.refresh_from_db()
    assert (waiting.status, waiting.attempts, waiting.body) == (OutboxMail.Status.SENT, 1, "")
    assert waiting.subject == sent.subject
    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL
    # And a second run of the worker sends nothing more
    task_worker()
    assert len(mail.outbox) == 1


def test_a_rolled_back_change_sends_no_mail(task_worker):
    # Given a mail sent by the backend inside a transaction that is rolled back
    with pytest.raises(RuntimeError), transaction.atomic():
        send_mail("Đơn hàng", "Nội dung", None, ["nguoi-mua@ocop.example"])
        raise RuntimeError("rolled back")
    # Then neither the mail nor its task exists, and the worker sends nothing
    assert not OutboxMail.objects.exists()
    assert not DBTaskResult.objects.exists()
    task_worker()
    assert mail.outbox == []


def test_a_task_run_again_after_a_crash_sends_the_mail_once(task_worker):
    # Given a mail the worker sent, then died before recording its task as done
    send_mail("Đơn hàng", "Nội dung", None, ["nguoi-mua@ocop.example"])
    task_worker(worker_id="worker-a")
    assert len(mail.outbox) == 1
    [task] = DBTaskResult.objects.all()
    task.status, task.finished_at = TaskResultStatus.RUNNING, None
    task.save()
    # When the worker comes back with its id, it takes the task back and runs it again
    task_worker(worker_id="worker-a")
    # Then the task is done, and the mail was sent once
    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL
    assert task.worker_ids == ["worker-a", "worker-a"]
    assert len(mail.outbox) == 1


def test_another_live_workers_task_is_left_alone(task_worker):
    # Given a task another worker is running right now
    send_mail("Đơn hàng", "Nội dung", None, ["nguoi-mua@ocop.example"])
    [task] = DBTaskResult.objects.all()
    task.claim("worker-b")
    # When worker A starts
    task_worker(worker_id="worker-a")
    # Then it leaves that task to B
    task.refresh_from_db()
    assert task.status == TaskResultStatus.RUNNING
    assert mail.outbox == []


def test_a_task_left_running_for_long_is_taken_back(task_worker):
    # Given a task a worker that never came back started long ago
    send_mail("Đơn hàng", "Nội dung", None, ["nguoi-mua@ocop.example"])
    [task] = DBTaskResult.objects.all()
    task.claim("worker-gone")
    DBTaskResult.objects.filter(pk=task.pk).update(started_at=timezone.now() - datetime.timedelta(hours=1))
    # When another worker starts, it runs it
    task_worker(worker_id="worker-a")
    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL
    assert len(mail.outbox) == 1


def test_a_worker_killed_while_sending_does_not_send_twice(task_worker, client, office):
    # Given a mail whose worker died while the mail server had it (status "sending")
    send_mail("Đơn hàng", "Nội dung", None, ["nguoi-mua@ocop.example"])
    outgoing = OutboxMail.objects.get()
    outgoing.status = OutboxMail.Status.SENDING
    outgoing.save()
    [task] = DBTaskResult.objects.all()
    task.claim("worker-a")
    # When the worker comes back and runs the task again
    task_worker(worker_id="worker-a")
    # Then the mail is not sent again: it is "perhaps sent", and the task failed for staff to see
    assert mail.outbox == []
    outgoing.refresh_from_db()
    assert outgoing.status == OutboxMail.Status.UNCERTAIN
    task.refresh_from_db()
    assert task.status == TaskResultStatus.FAILED
    assert task.exception_class_path == "core.outbox.MailNotSent"
    # And staff who decide to send it have it sent, once
    client.force_login(office)
    page = client.get("/shop/dashboard/tasks/")
    assert f"unsent-mail-{outgoing.pk}" in page.content.decode()
    client.post(f"/shop/dashboard/tasks/mails/{outgoing.pk}/send-again/")
    task_worker()
    assert len(mail.outbox) == 1
    outgoing.refresh_from_db()
    assert outgoing.status == OutboxMail.Status.SENT


def _due_now():
    """Bring the retries queued for later to now, as if the time had passed."""
    return DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(run_after=timezone.now())


def test_a_mail_server_down_is_tried_again_with_backoff_then_failed(task_worker, settings, client, office):
    # Given a mail server that refuses every message
    settings.MARKETPLACE_EMAIL_DELIVERY_BACKEND = "tests.core.mail_backends.RefusingBackend"
    send_mail("Đơn hàng", "Nội dung", None, ["nguoi-mua@ocop.example"])
    outgoing = OutboxMail.objects.get()
    # When the worker tries it, each time as its retry falls due
    delays = []
    for attempt in range(1, MAIL_ATTEMPTS + 1):
        before = timezone.now()
        task_worker()
        retry = DBTaskResult.objects.filter(status=TaskResultStatus.READY).first()
        if retry is not None:
            assert retry.args_kwargs["args"] == [str(outgoing.pk), attempt + 1]
            delays.append(round((retry.run_after - before).total_seconds() / 60))
            _due_now()
    # Then it was tried 5 times, 1, 2, 4 and 8 minutes apart, and ends failed
    assert delays == [1, 2, 4, 8]
    assert MAIL_RETRY_DELAY == datetime.timedelta(minutes=1)
    outgoing.refresh_from_db()
    assert (outgoing.status, outgoing.attempts) == (OutboxMail.Status.FAILED, MAIL_ATTEMPTS)
    assert "SMTPServerDisconnected" in outgoing.error
    [failed] = DBTaskResult.objects.failed()
    assert DBTaskResult.objects.successful().count() == MAIL_ATTEMPTS - 1
    assert mail.outbox == []
    # And staff see the failed task with its error
    client.force_login(office)
    page = client.get("/shop/dashboard/tasks/").content.decode()
    assert f"failed-task-{failed.pk}" in page
    assert "SMTPServerDisconnected" in page
    # When the mail server is back and staff run the task again
    settings.MARKETPLACE_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    response = client.post(f"/shop/dashboard/tasks/{failed.pk}/run-again/")
    assert response.status_code == 302
    # Then a fresh copy waits in place of the failed one, and the worker sends the mail once
    assert not DBTaskResult.objects.failed().exists()
    [fresh] = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    assert fresh.args_kwargs["args"] == failed.args_kwargs["args"]
    task_worker()
    assert len(mail.outbox) == 1
    fresh.refresh_from_db()
    assert fresh.status == TaskResultStatus.SUCCESSFUL


def test_the_tasks_page_counts_by_status(task_worker, client, office):
    # Given two mails waiting, one of them due later
    send_mail("Một", "Nội dung", None, ["a@ocop.example"])
    send_mail("Hai", "Nội dung", None, ["b@ocop.example"])
    DBTaskResult.objects.filter(pk=DBTaskResult.objects.first().pk).update(
        run_after=timezone.now() + datetime.timedelta(minutes=5)
    )
    # Then the page counts them
    client.force_login(office)
    response = client.get("/shop/dashboard/tasks/")
    assert response.context["counts"]["READY"] == 2
    assert response.context["counts"]["READY_LATER"] == 1
    assert response.context["worker_backend"] is True


@pytest.mark.parametrize("who", ["guest", "producer"])
def test_the_tasks_page_is_for_staff_only(task_worker, client, who, producer_user):
    producer_login = producer_user(ProducerFactory(), "nhan-vien@htx.example")
    # Given a failed task
    send_mail("Đơn hàng", "Nội dung", None, ["nguoi-mua@ocop.example"])
    [task] = DBTaskResult.objects.all()
    task.set_failed(RuntimeError("boom"))
    if who == "producer":
        client.force_login(producer_login)
    # Then the page and its actions send the visitor to the login page, and nothing is queued
    for response in (
        client.get("/shop/dashboard/tasks/"),
        client.post(f"/shop/dashboard/tasks/{task.pk}/run-again/"),
    ):
        assert response.status_code == 302
        assert "login" in response["Location"]
    assert list(DBTaskResult.objects.values_list("status", flat=True)) == [TaskResultStatus.FAILED]


def test_without_a_worker_the_mail_leaves_right_after_the_commit(settings, committed):
    # Given the embedded default: the immediate task backend, mails through the outbox
    settings.EMAIL_BACKEND = "core.outbox.OutboxEmailBackend"
    # When a mail is sent inside a transaction
    with committed():
        send_mail("Đơn hàng", "Nội dung", None, ["nguoi-mua@ocop.example"])
        # Then nothing leaves before the commit
        assert mail.outbox == []
    # And it leaves once, at the commit, recorded as sent
    assert [message.subject for message in mail.outbox] == ["Đơn hàng"]
    assert OutboxMail.objects.get().status == OutboxMail.Status.SENT


def test_oscars_own_mails_go_through_the_outbox_too(task_worker, client, committed):
    # Given a customer who asks for a password reset (Oscar's dispatcher sends that mail)
    UserFactory(email="hoa@example.com")
    with committed():
        client.post(reverse("password-reset"), {"email": "hoa@example.com"})
    # Then the mail waits for the worker, which sends it once
    assert mail.outbox == []
    assert OutboxMail.objects.get().to == ["hoa@example.com"]
    task_worker()
    [sent] = mail.outbox
    assert sent.to == ["hoa@example.com"]
    assert "/shop/password-reset/confirm/" in sent.body
    assert OutboxMail.objects.get().status == OutboxMail.Status.SENT


def test_a_mail_server_out_of_reach_leaves_the_mail_waiting_for_the_retry(task_worker, settings):
    # Given a mail server that cannot be reached
    settings.MARKETPLACE_EMAIL_DELIVERY_BACKEND = "tests.core.mail_backends.UnreachableBackend"
    send_mail("Đơn hàng", "Nội dung", None, ["nguoi-mua@ocop.example"])
    # When the worker tries the mail
    task_worker()
    # Then the mail was never marked "sending": it waits, whole, for the retry a minute later
    outgoing = OutboxMail.objects.get()
    assert (outgoing.status, outgoing.attempts, outgoing.body) == (OutboxMail.Status.QUEUED, 0, "Nội dung")
    assert outgoing.error.startswith("ConnectionRefusedError")
    [retry] = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    assert retry.args_kwargs["args"] == [str(outgoing.pk), 2]
    # And once the server is back and the retry is due, it is sent once
    settings.MARKETPLACE_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    _due_now()
    task_worker()
    assert len(mail.outbox) == 1


def test_a_mail_of_a_change_is_drafted_in_its_transaction_and_written_after(task_worker, committed):
    # When a change's mail is decided inside the change's transaction
    with committed():
        mail_send_after_commit(**ACCOUNT_EXISTS)
        # Then its row is already there, drafted, committing or rolling back with the change
        [draft] = OutboxMail.objects.all()
        assert (draft.status, draft.template, draft.to) == (
            OutboxMail.Status.DRAFTED,
            "customer/mail/account_exists",
            ["nguoi-mua@ocop.example"],
        )
    # And after the commit the same row holds the written mail, waiting for the worker
    [written] = OutboxMail.objects.all()
    assert (written.pk, written.status) == (draft.pk, OutboxMail.Status.QUEUED)
    assert "https://ocop.example/dang-nhap/" in written.body and written.subject


def test_a_rolled_back_change_leaves_no_draft(task_worker):
    with pytest.raises(RuntimeError), transaction.atomic():
        mail_send_after_commit(**ACCOUNT_EXISTS)
        raise RuntimeError("rolled back")
    assert not OutboxMail.objects.exists()


def test_a_mail_whose_template_fails_is_shown_to_staff_as_not_written(task_worker, committed, client, office):
    # Given a mail whose templates cannot be rendered, after its change committed
    with committed():
        mail_send_after_commit(**{**ACCOUNT_EXISTS, "prefix": "customer/mail/no_such_mail"})
    # Then the change stands, and the mail is not lost in silence: it is "not written", with why
    [unwritten] = OutboxMail.objects.all()
    assert unwritten.status == OutboxMail.Status.UNWRITTEN
    assert "TemplateDoesNotExist" in unwritten.error
    client.force_login(office)
    page = client.get("/shop/dashboard/tasks/")
    assert list(page.context["unsent"]) == [unwritten]
    html = page.content.decode()
    assert "customer/mail/no_such_mail" in html and "nguoi-mua@ocop.example" in html
    assert f"/mails/{unwritten.pk}/send-again/" not in html  # nothing to send: it was never written


def test_a_draft_its_process_never_wrote_is_shown_to_staff_after_a_while(task_worker, client, office):
    # Given drafts whose transaction committed, then the process stopped before writing them
    with transaction.atomic():  # the test's own transaction never commits: nothing is written
        mail_send_after_commit(**ACCOUNT_EXISTS)
    old = OutboxMail.objects.get()
    OutboxMail.objects.filter(pk=old.pk).update(created=timezone.now() - datetime.timedelta(minutes=11))
    with transaction.atomic():
        mail_send_after_commit(**{**ACCOUNT_EXISTS, "to": ["khac@ocop.example"]})
    recent = OutboxMail.objects.exclude(pk=old.pk).get()
    assert {old.status, recent.status} == {OutboxMail.Status.DRAFTED}
    # Then the old one is on staff's page as not written; the recent one may still be written
    client.force_login(office)
    page = client.get("/shop/dashboard/tasks/")
    [shown] = page.context["unsent"]
    assert shown == old and shown.status_shown() == OutboxMail.Status.UNWRITTEN.label
    assert recent.status_shown() == OutboxMail.Status.DRAFTED.label
