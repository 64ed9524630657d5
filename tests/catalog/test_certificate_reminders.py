"""`certificates_remind`: producers and the OCOP office are mailed 90 and 30 days before a
certificate ends, once each, in Vietnamese, on a fixed clock."""

import datetime
import re
from decimal import Decimal

import pytest
import time_machine
from django.core.management import call_command

from catalog import certificates
from catalog.models import CertificateReminder

pytestmark = pytest.mark.django_db

LAST_DAY = datetime.date(2029, 1, 15)


def run_on(day, committed):
    with time_machine.travel(datetime.datetime.combine(day, datetime.time(6, 0)), tick=False), committed():
        call_command("certificates_remind", verbosity=0)


@pytest.fixture
def certified(products, producer_user, django_user_model):
    lychee, _ = products
    certificate = certificates.certificate_create(
        product=lychee,
        stars=4,
        score=Decimal("80"),
        criteria_version="qd1489-2025",
        decision_number="15/QĐ-UBND",
        decision_date=datetime.date(2026, 1, 10),
        issuer_level="province",
        issuer_name="UBND tỉnh Bắc Ninh",
        programme_year=2026,
        valid_from=datetime.date(2026, 1, 15),
    )
    producer_user(certificate.producer, "htx@vai.example")
    # Alone with one office login, whatever else (the demo catalogue) this database holds.
    CertificateReminder.objects.all().delete()
    certificate.__class__.objects.exclude(pk=certificate.pk).update(status="revoked")
    django_user_model.objects.filter(is_staff=True).update(is_active=False)
    django_user_model.objects.create_user("office", "office@ocop.example", "pw", is_staff=True)
    django_user_model.objects.create_user("gone", "gone@ocop.example", "pw", is_staff=True, is_active=False)
    return certificate


def test_90_and_30_days_before_each_mail_once(certified, mailoutbox, committed):
    run_on(LAST_DAY - datetime.timedelta(days=91), committed)
    assert mailoutbox == []

    run_on(LAST_DAY - datetime.timedelta(days=90), committed)
    assert sorted(mail.to[0] for mail in mailoutbox) == ["htx@vai.example", "office@ocop.example"]
    assert all("90" in mail.subject and "15/01/2029" in mail.body for mail in mailoutbox)

    run_on(LAST_DAY - datetime.timedelta(days=90), committed)
    run_on(LAST_DAY - datetime.timedelta(days=60), committed)
    assert len(mailoutbox) == 2

    run_on(LAST_DAY - datetime.timedelta(days=30), committed)
    run_on(LAST_DAY - datetime.timedelta(days=29), committed)
    run_on(LAST_DAY, committed)
    assert len(mailoutbox) == 4
    assert all("30" in mail.subject for mail in mailoutbox[2:])
    assert sorted(certified.reminders.values_list("days_before", flat=True)) == [30, 90]


def test_a_certificate_found_late_gets_only_the_nearest_reminder(certified, mailoutbox, committed):
    run_on(LAST_DAY - datetime.timedelta(days=20), committed)
    run_on(LAST_DAY - datetime.timedelta(days=10), committed)

    assert len(mailoutbox) == 2
    assert list(certified.reminders.values_list("days_before", flat=True)) == [30]
    assert all("20" in mail.subject for mail in mailoutbox)


def test_no_reminder_for_revoked_or_lapsed_certificates(certified, mailoutbox, committed):
    run_on(LAST_DAY + datetime.timedelta(days=1), committed)
    certificates.certificate_revoke(certificate=certified, by=None, reason="Vi phạm")
    mailoutbox.clear()
    run_on(LAST_DAY - datetime.timedelta(days=30), committed)

    assert mailoutbox == []
    assert not CertificateReminder.objects.exists()


def test_a_threshold_recorded_already_is_not_mailed_again(certified, mailoutbox):
    CertificateReminder.objects.create(certificate=certified, days_before=90)

    sent = certificates.certificate_remind(certificate=certified, days_before=90, on=LAST_DAY)

    assert sent is False and mailoutbox == []


def test_reminders_are_written_in_vietnamese(certified, mailoutbox, committed, monkeypatch):
    from core import mails

    languages = []
    real_render = mails.mail_render

    def spy(*, prefix, context, language):
        languages.append((prefix.rsplit("/", 1)[-1], language))
        return real_render(prefix=prefix, context=context, language=language)

    monkeypatch.setattr(mails, "mail_render", spy)
    run_on(LAST_DAY - datetime.timedelta(days=90), committed)

    assert sorted(languages) == [
        ("certificate_reminder_producer", "vi"),
        ("certificate_reminder_staff", "vi"),
    ]
    producer_mail = next(mail for mail in mailoutbox if mail.to == ["htx@vai.example"])
    context = {"certificate": certified, "days_left": 90, "valid_to": "15/01/2029", "url": ""}
    subject_vi, _, _ = real_render(
        prefix="catalog/mail/certificate_reminder_producer", context=context, language="vi"
    )
    assert producer_mail.subject == subject_vi
    assert "Vải thiều thử" in producer_mail.subject and "15/QĐ-UBND" in producer_mail.body


def test_the_command_says_what_it_did(certified, committed, capsys):
    with time_machine.travel(datetime.datetime(2028, 10, 17, 6, 0), tick=False), committed():
        call_command("certificates_remind")

    out = capsys.readouterr().out
    assert re.findall(r"\d+", out)[0] == "1"  # reminders sent, whatever the language
