"""Issue 16: provinces and communes listed in Vietnamese alphabetical order, not by code point."""

import pytest
from django.urls import reverse

from core.vietnamese import sort_key
from places.forms import CommuneChoiceMixin
from places.models import Province
from places.services import places_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def places(db):
    places_load()


def test_sort_key_follows_the_vietnamese_alphabet():
    names = [
        "Điện Biên",
        "Cao Bằng",
        "Đà Nẵng",
        "Cà Mau",
        "Cần Thơ",
        "Dĩ An",
        "Hà Tĩnh",
        "Hà Nội",
        "Hải Phòng",
    ]
    assert sorted(names, key=sort_key) == [
        "Cà Mau",  # "ca" before "cao": a shorter word first
        "Cao Bằng",
        "Cần Thơ",  # â after a
        "Dĩ An",
        "Đà Nẵng",  # đ after d, not after y
        "Điện Biên",
        "Hà Nội",
        "Hà Tĩnh",
        "Hải Phòng",
    ]


def test_tones_only_break_ties_in_their_order():
    assert sorted(["má", "mạ", "mà", "ma", "mã", "mả"], key=sort_key) == ["ma", "mà", "mả", "mã", "má", "mạ"]


def test_the_address_form_lists_provinces_alphabetically(places):
    choices = list(CommuneChoiceMixin().fields["province"].choices)
    assert choices[0][0] == ""  # "Chọn tỉnh/thành phố" first
    listed = [Province.objects.get(pk=value.value).name for value, _ in choices[1:]]
    assert len(listed) == 34
    assert listed == sorted(listed, key=sort_key) and listed != sorted(listed)
    assert (
        listed.index("Cà Mau") < listed.index("Cao Bằng") < listed.index("Đà Nẵng") < listed.index("Gia Lai")
    )


def test_the_communes_endpoint_lists_communes_alphabetically(client, places):
    hanoi = Province.objects.get(is_current=True, name="Hà Nội")
    data = client.get(reverse("places:communes"), {"province": hanoi.pk}).json()["communes"]
    assert len(data) == hanoi.communes.count()
    names = [hanoi.communes.get(pk=row["id"]).name for row in data]
    assert names == sorted(names, key=sort_key) and names != sorted(names)
