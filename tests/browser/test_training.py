"""A training course in a real browser: published, filled (a producer's person from the
dashboard, an official on the course page, the next one on the waiting list by choice),
attended through the check-in page a registration's QR code opens, and certified (the PDF
downloads)."""

import datetime
import re

import pytest
from django.utils import timezone

from cms.models import HomePage
from tests.browser.pages import log_in, shot, vi
from training.choices import Audience, RegistrationStatus
from training.models import CoursePage, CourseRegistration, CourseSession, TrainingIndexPage

pytestmark = pytest.mark.browser


def published_course():
    home = HomePage.objects.get(locale__language_code="vi", depth=2)
    index = home.add_child(instance=TrainingIndexPage(title="Tập huấn OCOP", slug="tap-huan"))
    index.save_revision().publish()
    starts_at = timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(days=10)
    course = CoursePage(
        title="Tập huấn chu trình OCOP 2026",
        slug="tap-huan-chu-trinh-ocop",
        topic="Chu trình OCOP và bộ tiêu chí đánh giá",
        audience=Audience.EVERYONE,
        organiser="Văn phòng Điều phối Chương trình OCOP tỉnh",
        summary="Một buổi về chu trình OCOP và cách lập hồ sơ tự đánh giá.",
        capacity=2,
        registration_closes_at=starts_at - datetime.timedelta(days=2),
    )
    course.sessions = [
        CourseSession(
            title="Chu trình OCOP",
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=3),
            place="Hội trường UBND tỉnh",
            trainer="ThS. Nguyễn Thị Thu Hà",
        )
    ]
    index.add_child(instance=course)
    course.save_revision().publish()
    return course


def fill_official(page, name, phone):
    page.locator("input[name=full_name]").fill(name)
    page.locator("input[name=phone]").fill(phone)
    page.locator("input[name=position]").fill("Công chức Kinh tế")
    page.locator("input[name=organisation]").fill("UBND xã Lục Ngạn")
    page.get_by_label(vi("Commune officials")).check()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_course_is_filled_attended_and_certified(
    page, live_server, chromium, products, producer_user, django_user_model
):
    from playwright.sync_api import expect

    producer = products[0].stockrecords.get().partner
    producer_user(producer, "xa-vien@htx-vai.example")  # password "pw"
    django_user_model.objects.create_superuser("office", "office@ocop.example", "mat-khau-2")
    course = published_course()

    # A producer registers one of its people from the dashboard.
    log_in(page, "xa-vien@htx-vai.example", "pw")
    page.goto("/shop/dashboard/training/")
    expect(page.locator(".open-courses")).to_contain_text(course.title)
    page.get_by_role("link", name=vi("Register a person")).click()
    page.locator("input[name=full_name]").fill("Lê Văn Hùng")
    page.locator("input[name=phone]").fill("0987 654 321")
    page.locator("input[name=position]").fill("Kế toán HTX")
    page.get_by_role("button", name=vi("Register")).click()
    expect(page.locator(".alert-success")).to_be_visible()
    expect(page.locator(".my-registrations svg")).to_have_count(1)
    shot(page, "training-1-producer-registered")

    # An official takes the last place on the course page.
    visitor = chromium.new_context(base_url=live_server.url, locale="vi-VN").new_page()
    visitor.goto(course.url)
    expect(visitor.locator(".course__places")).to_contain_text("1")
    fill_official(visitor, "Phạm Thị Lan", "0912 345 678")
    shot(visitor, "training-2-course-page")
    visitor.locator(".course-form button[type=submit]").click()
    expect(visitor.locator(".registered__qr svg")).to_be_visible()
    shot(visitor, "training-3-registered")

    # The next one is told the course is full and chooses the waiting list.
    visitor.goto(course.url)
    expect(visitor.locator(".course__full")).to_be_visible()
    fill_official(visitor, "Trần Văn Chờ", "0912 000 777")
    visitor.get_by_label(vi("Register on the waiting list")).check()
    visitor.locator(".course-form button[type=submit]").click()
    expect(visitor.locator(".alert-warning")).to_be_visible()
    shot(visitor, "training-4-waitlisted")
    statuses = dict(CourseRegistration.objects.values_list("full_name", "status"))
    assert statuses == {
        "Lê Văn Hùng": RegistrationStatus.REGISTERED,
        "Phạm Thị Lan": RegistrationStatus.REGISTERED,
        "Trần Văn Chờ": RegistrationStatus.WAITLISTED,
    }

    # The session's day: the office scans Lan's code, which opens the check-in page.
    lan = CourseRegistration.objects.get(full_name="Phạm Thị Lan")
    now = timezone.now().replace(second=0, microsecond=0)
    course.sessions.update(
        starts_at=now - datetime.timedelta(minutes=5), ends_at=now + datetime.timedelta(hours=3)
    )
    office = chromium.new_context(base_url=live_server.url, locale="vi-VN").new_page()
    office.goto(f"/shop/dashboard/training/check-in/{lan.token}/")
    expect(office).to_have_url(re.compile(r"/shop/dashboard/login/"))
    log_in(office, "office@ocop.example", "mat-khau-2")
    office.goto(f"/shop/dashboard/training/check-in/{lan.token}/")
    expect(office.locator(".training-check-in")).to_contain_text("Phạm Thị Lan")
    office.get_by_role("button", name=vi("Record attendance")).click()
    expect(office.locator(".alert-success")).to_be_visible()
    expect(office.get_by_role("button", name=vi("Record attendance"))).to_have_count(0)
    shot(office, "training-5-checked-in")
    assert lan.attendances.count() == 1

    # The course is over: Lan's certificate downloads; Hùng, who did not come, has none.
    course.sessions.update(
        starts_at=now - datetime.timedelta(days=1, hours=3), ends_at=now - datetime.timedelta(days=1)
    )
    office.goto(f"/shop/dashboard/training/office/{course.pk}/")
    rows = office.locator(".course-registrations tbody tr")
    expect(
        rows.filter(has_text="Lê Văn Hùng").get_by_role("link", name=vi("Certificate (PDF)"))
    ).to_have_count(0)
    shot(office, "training-6-office-list")
    with office.expect_download() as download:
        rows.filter(has_text="Phạm Thị Lan").get_by_role("link", name=vi("Certificate (PDF)")).click()
    pdf = download.value
    assert pdf.suggested_filename == f"giay-chung-nhan-{lan.pk}.pdf"
    with open(pdf.path(), "rb") as file:
        assert file.read(4) == b"%PDF"
    assert CoursePage.objects.get(pk=course.pk).is_finished()
