"""Staff write courses in Wagtail's admin (sessions and materials inline) and enter the
training targets as snippets."""

import pytest
from django.urls import reverse

from tests.training.factories import CoursePageFactory, TrainingTargetFactory, training_index
from training.models import TrainingTarget

pytestmark = pytest.mark.django_db


def test_the_admin_opens_a_new_course_and_an_existing_one(staff_client):
    index = training_index()
    course = CoursePageFactory(parent=index)

    new = staff_client.get(reverse("wagtailadmin_pages:add", args=("training", "coursepage", index.pk)))
    edit = staff_client.get(reverse("wagtailadmin_pages:edit", args=(course.pk,)))

    assert new.status_code == 200 and 'name="sessions-TOTAL_FORMS"' in new.content.decode()
    assert edit.status_code == 200 and "ThS. Nguyễn Văn Giảng" in edit.content.decode()
    assert 'name="materials-TOTAL_FORMS"' in edit.content.decode()


def test_staff_enter_a_training_target_as_a_snippet(staff_client):
    TrainingTargetFactory(year=2025)
    listing = staff_client.get(reverse("wagtailsnippets_training_trainingtarget:list"))

    response = staff_client.post(
        reverse("wagtailsnippets_training_trainingtarget:add"),
        {"year": 2026, "audience": "commune", "people": 60, "source": "Kế hoạch năm 2026 của tỉnh"},
    )

    assert listing.status_code == 200
    assert response.status_code == 302
    target = TrainingTarget.objects.get(year=2026)
    assert (target.audience, target.people, target.is_demo) == ("commune", 60, False)
