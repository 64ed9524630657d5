"""People trained per year and audience on the programme figures page, against the targets
staff enter (none ships: the sources give none)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from core.clock import VIETNAM
from tests.partner.factories import ProducerFactory
from tests.training.factories import (
    CoursePageFactory,
    CourseRegistrationFactory,
    SessionAttendanceFactory,
    TrainingTargetFactory,
)
from training.choices import Audience, RegistrationStatus
from training.models import TrainingTarget
from training.selectors import trained_per_year

pytestmark = pytest.mark.django_db


def course_in(year, **fields):
    starts_at = datetime.datetime(year, 11, 3, 8, tzinfo=VIETNAM)
    return CoursePageFactory(
        starts_at=starts_at, registration_closes_at=starts_at - datetime.timedelta(days=3), **fields
    )


def came(registration, *sessions):
    for session in sessions:
        SessionAttendanceFactory(registration=registration, session=session)


@pytest.fixture
def two_years(db):
    """2025: 2 commune officials came (one to both sessions, one to one), one never came, one
    waitlisted person was ticked by mistake. 2026: one producer's person came; one official
    came to two courses (counted once in each)."""
    old = course_in(2025, capacity=10)
    first, second = old.sessions_ordered()
    came(CourseRegistrationFactory(course=old), first, second)
    came(CourseRegistrationFactory(course=old), second)
    CourseRegistrationFactory(course=old)
    came(CourseRegistrationFactory(course=old, status=RegistrationStatus.WAITLISTED), first)
    new, other = course_in(2026, capacity=10), course_in(2026, capacity=10)
    producer_person = CourseRegistrationFactory(
        course=new, audience=Audience.PRODUCERS, producer=ProducerFactory()
    )
    came(producer_person, new.sessions_ordered()[0])
    for course in (new, other):
        came(
            CourseRegistrationFactory(
                course=course, phone="+84912999999", audience=Audience.PROVINCIAL_OFFICIALS
            ),
            course.sessions_ordered()[0],
        )


def test_people_trained_are_counted_once_per_course_by_year_and_audience(two_years):
    TrainingTargetFactory(year=2026, audience=Audience.PRODUCERS, people=30)

    rows = [
        (row.year, row.audience, row.trained, row.target.people if row.target else None)
        for row in trained_per_year()
    ]

    assert rows == [
        (2025, Audience.COMMUNE_OFFICIALS, 2, None),
        (2026, Audience.PRODUCERS, 1, 30),
        (2026, Audience.PROVINCIAL_OFFICIALS, 2, None),
    ]


def test_the_figures_page_shows_the_targets_or_says_none_was_entered(client, office, two_years):
    TrainingTargetFactory(
        year=2026, audience=Audience.PRODUCERS, people=30, source="Số liệu minh hoạ", is_demo=True
    )
    client.force_login(office)
    with translation.override("en"):
        page = client.get(reverse("programme-dashboard:figures")).text
        csv = client.get(reverse("programme-dashboard:csv", kwargs={"table": "training"}))

    assert 'id="chart-training-title"' in page
    assert "no target entered" in page
    assert reverse("wagtailsnippets_training_trainingtarget:list") in page
    assert csv.content.decode("utf-8-sig").splitlines() == [
        "Year,Audience,People trained,Target,Share of the target,Source of the target",
        "2025,Commune officials,2,no target entered,,",
        '2026,OCOP producers,1,30,3 %,"Số liệu minh hoạ (demo figure, not the plan\'s)"',
        "2026,Provincial officials,2,no target entered,,",
    ]


def test_without_training_the_section_says_nothing_yet(client, office):
    client.force_login(office)
    with translation.override("en"):
        page = client.get(reverse("programme-dashboard:figures")).text
    assert "People trained per year and audience" in page
    assert 'id="chart-training-title"' not in page
    assert not TrainingTarget.objects.exists()
