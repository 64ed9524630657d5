"""Issue 17, item 1: a commune picker that loads its options on demand. The selector finds
current communes however their name is typed, the endpoint answers with at most 20 as JSON
(public, cached), and the widget renders only the chosen commune, or, after the no-JavaScript
"Find", the communes found."""

import pytest
from bs4 import BeautifulSoup
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from places.forms import CommuneSearchField
from places.models import Commune, Province
from places.selectors import communes_matching
from places.services import places_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def places(commune, other_commune):
    bac_ninh = commune.province
    return {
        "luc_ngan": commune,  # Xã Lục Ngạn, Bắc Ninh
        "ba_dinh": other_commune,  # Phường Ba Đình, Hà Nội
        "luc_son": Commune.objects.create(code="T07211", name="Lục Sơn", kind="xã", province=bac_ninh),
        "phuong_son": Commune.objects.create(code="T07212", name="Phượng Sơn", kind="xã", province=bac_ninh),
        "my_an": Commune.objects.create(code="T07213", name="Mỹ An", kind="xã", province=bac_ninh),
    }


def names(text):
    return [match.name for match in communes_matching(text=text)]


@pytest.mark.parametrize(
    "typed", ["luc ngan", "Lục Ngạn", "LUC NGAN", "lục ng", "ngan bac ninh", "  luc   ngan "]
)
def test_a_commune_is_found_however_it_is_typed(places, typed):
    assert names(typed) == ["Xã Lục Ngạn, Bắc Ninh"]


def test_names_starting_with_the_words_come_first(places):
    # "son" starts no name, but is a word of "Lục Sơn" and "Phượng Sơn"; "luc" starts "Lục Ngạn".
    assert names("luc") == ["Xã Lục Ngạn, Bắc Ninh", "Xã Lục Sơn, Bắc Ninh"]
    assert names("son") == ["Xã Lục Sơn, Bắc Ninh", "Xã Phượng Sơn, Bắc Ninh"]


def test_i_and_y_spellings_are_one(places):
    assert names("mi an") == names("mỹ an") == ["Xã Mỹ An, Bắc Ninh"]


def test_communes_of_abolished_provinces_are_not_offered(places):
    old = Province.objects.create(code="T97", name="Bắc Giang", kind="tỉnh", is_current=False)
    Commune.objects.create(code="T97001", name="Lục Nam", kind="xã", province=old)

    assert names("luc nam") == []


def test_nothing_typed_finds_nothing(places):
    assert names("") == names("   ") == names("-,") == []


def test_at_most_twenty_are_given(places):
    province = places["luc_ngan"].province
    Commune.objects.bulk_create(
        Commune(code=f"T8{n:04d}", name=f"Tân Lập {n}", kind="xã", province=province) for n in range(30)
    )
    assert len(names("tan lap")) == 20


def test_the_endpoint_answers_json_that_browsers_may_keep(client, places):
    response = client.get(reverse("places:communes-search"), {"q": "Lục Ngạn"})

    assert response.status_code == 200
    assert response.json() == {"communes": [{"id": places["luc_ngan"].pk, "name": "Xã Lục Ngạn, Bắc Ninh"}]}
    assert "public" in response["Cache-Control"] and "max-age=86400" in response["Cache-Control"]
    assert client.get(reverse("places:communes-search")).json() == {"communes": []}


def test_the_endpoint_reads_the_database_once_then_from_the_cache(client, places):
    client.get(reverse("places:communes-search"), {"q": "luc"})
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("places:communes-search"), {"q": "son"})
    # PostgreSQL's request transaction takes a savepoint; nothing is read.
    assert [query["sql"] for query in queries if "SAVEPOINT" not in query["sql"]] == []


def test_loading_places_drops_the_cached_index(places, monkeypatch):
    assert names("phu loc") == []
    Commune.objects.create(code="T07299", name="Phú Lộc", kind="xã", province=places["luc_ngan"].province)
    assert names("phu loc") == []  # the index is kept
    monkeypatch.setattr("places.services._current_divisions", lambda: [])
    monkeypatch.setattr("places.services._link_legacy_districts", lambda: 0)
    monkeypatch.setattr("places.services.Province.objects.get", lambda **kwargs: places["luc_ngan"].province)
    places_load()
    assert names("phu loc") == ["Xã Phú Lộc, Bắc Ninh"]


class OriginForm(forms.Form):
    origin = CommuneSearchField(required=False, empty_label="Chọn xã")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["origin"].queryset = Commune.objects.filter(province__is_current=True)


def options_of(form):
    soup = BeautifulSoup(str(form["origin"]), "html.parser")
    return [(option["value"], option.text, option.has_attr("selected")) for option in soup.find_all("option")]


def test_the_select_holds_only_the_chosen_commune(places):
    form = OriginForm(initial={"origin": places["luc_ngan"].pk})

    assert options_of(form) == [
        ("", "Chọn xã", False),
        (str(places["luc_ngan"].pk), "Xã Lục Ngạn, Bắc Ninh", True),
    ]
    assert OriginForm(data={"origin": str(places["ba_dinh"].pk)}).is_valid()


def test_the_find_button_shows_the_communes_found_and_is_no_choice(places):
    with translation.override("vi"):
        form = OriginForm(data={"origin": "", "origin_q": "son", "origin_find": "1"})
        rendered = BeautifulSoup(str(form["origin"]), "html.parser")

    assert not form.is_valid()  # the form comes back; nothing is saved
    assert options_of(form)[1:] == [
        (str(places["luc_son"].pk), "Xã Lục Sơn, Bắc Ninh", False),
        (str(places["phuong_son"].pk), "Xã Phượng Sơn, Bắc Ninh", False),
    ]
    assert rendered.find("input", attrs={"name": "origin_q"})["value"] == "son"
    assert rendered.find("p", attrs={"role": "status"}).text == (
        "2 xã/phường khớp với “son”: hãy chọn trong danh sách phía trên."
    )
    # The field's message says what to do, not Django's "not one of the available choices".
    assert form.errors["origin"] == ["Hãy chọn xã/phường trong danh sách tìm được rồi lưu."]


def test_the_find_button_with_nothing_typed_keeps_the_choice(places):
    # Enter in another text box presses the first submit button: the form's own save.
    form = OriginForm(data={"origin": str(places["luc_ngan"].pk), "origin_q": "", "origin_find": "1"})
    assert form.is_valid() and form.cleaned_data["origin"] == places["luc_ngan"]


def test_the_combobox_is_there_for_the_script(places):
    with translation.override("vi"):
        soup = BeautifulSoup(str(OriginForm()["origin"]), "html.parser")

    wrapper = soup.find(attrs={"data-commune-search": True})
    assert wrapper["data-url"] == reverse("places:communes-search")
    box = wrapper.find("input", attrs={"role": "combobox"})
    assert box.has_attr("hidden") and box["aria-controls"] == "id_origin_listbox"
    assert wrapper.find(id="id_origin_listbox")["role"] == "listbox"
    assert [script["src"].rsplit("/", 1)[-1] for script in wrapper.find_all("script")] == [
        "listbox.js",
        "commune-search.js",
    ]
    assert wrapper.find("button", attrs={"name": "origin_find"}).has_attr("formnovalidate")
