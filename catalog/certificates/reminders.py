"""Reminders before a certificate expires (90 and 30 days, once each).

The badges that change with the date alone are search's business: `search.indexing.badges_reindex`."""

import datetime

from django.db import IntegrityError, transaction
from django.urls import reverse

from catalog.models import (
    Certificate,
    CertificateReminder,
)
from catalog.ocop import date_text
from core.mails import mail_send_after_commit, site_url, staff_emails

REMINDER_DAYS = (90, 30)  # the authority must notify at least 30 days before (§1.7)


def reminders_due(*, on: datetime.date) -> list[tuple[Certificate, int]]:
    """(certificate, days before) for each certificate in force that reached a reminder
    threshold without a reminder at or below it: one mail per threshold, and a certificate
    entered late gets only the nearest threshold's mail, never the 90-day one after the 30."""
    due = []
    latest = on + datetime.timedelta(days=max(REMINDER_DAYS))
    certificates = (
        Certificate.objects.in_force(on=on)
        .filter(valid_to__lte=latest)
        .select_related("product", "producer")
        .prefetch_related("reminders")
        .order_by("valid_to", "pk")
    )
    for certificate in certificates:
        days_left = (certificate.valid_to - on).days
        sent = [reminder.days_before for reminder in certificate.reminders.all()]
        reached = [days for days in REMINDER_DAYS if days_left <= days]
        if not reached:
            continue
        threshold = min(reached)
        if not any(days <= threshold for days in sent):
            due.append((certificate, threshold))
    return due


def certificate_remind(*, certificate: Certificate, days_before: int, on: datetime.date) -> bool:
    """Mail the producer's people and the OCOP office once for this threshold; False when a
    reminder for it was already recorded (the unique constraint decides under concurrency)."""
    try:
        with transaction.atomic():
            CertificateReminder.objects.create(certificate=certificate, days_before=days_before)
    except IntegrityError:
        return False
    context = {
        "certificate": certificate,
        "days_left": (certificate.valid_to - on).days,
        "valid_to": date_text(certificate.valid_to),
    }
    producer_emails = list(
        certificate.producer.users.filter(is_active=True).exclude(email="").values_list("email", flat=True)
    )
    mail_send_after_commit(
        prefix="catalog/mail/certificate_reminder_producer",
        to=producer_emails,
        language="vi",
        context={**context, "url": site_url(reverse("catalog-dashboard:certificate-list"))},
    )
    mail_send_after_commit(
        prefix="catalog/mail/certificate_reminder_staff",
        to=staff_emails(),
        language="vi",
        context={**context, "url": site_url(reverse("catalog-dashboard:evaluation-queue"))},
    )
    return True
