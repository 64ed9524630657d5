"""Issue 16, item 2: the commune field renders the plain select (it works without JavaScript)
and, hidden until address.js shows it, a WAI-ARIA 1.2 combobox: a text box with
role=combobox tied to a listbox, and a live region for the number of matches."""

import pytest
from bs4 import BeautifulSoup
from django.utils import translation

from places.forms import CommuneChoiceMixin

pytestmark = pytest.mark.django_db


class AddressForm(CommuneChoiceMixin):
    pass


def rendered(form):
    return BeautifulSoup(str(form["commune"]), "html.parser")


def test_the_commune_field_is_a_select_with_a_combobox_beside_it(commune):
    with translation.override("vi"):
        field = rendered(AddressForm(initial={"province": commune.province}))

    select = field.find("select", attrs={"name": "commune"})
    assert select["id"] == "id_commune"
    assert [option["value"] for option in select.find_all("option")] == ["", str(commune.pk)]

    box = field.find("input", attrs={"role": "combobox"})
    assert box["id"] == "id_commune_combobox"
    assert box.has_attr("hidden")  # shown by the script, which also moves the label to it
    assert box["aria-expanded"] == "false"
    assert box["aria-autocomplete"] == "list"
    assert box["autocomplete"] == "off"
    assert not box.has_attr("name")  # the select carries the value
    listbox = field.find(id=box["aria-controls"])
    assert listbox.name == "ul" and listbox["role"] == "listbox"
    assert field.find(attrs={"role": "status"}) is not None


def test_the_words_the_script_says_are_translated(commune):
    with translation.override("vi"):
        wrapper = rendered(AddressForm(initial={"province": commune.province})).find(
            attrs={"data-commune-combobox": True}
        )

    assert wrapper["data-count-one"] == wrapper["data-count-other"] == "{count} xã/phường phù hợp"
    assert wrapper["data-count-none"].startswith("Không có xã/phường nào phù hợp")
    assert wrapper.find("input")["placeholder"] == "Gõ để tìm xã/phường"


def test_in_english_the_count_has_its_plural(commune):
    with translation.override("en"):
        wrapper = rendered(AddressForm()).find(attrs={"data-commune-combobox": True})

    assert wrapper["data-count-one"] == "{count} commune or ward matches"
    assert wrapper["data-count-other"] == "{count} communes or wards match"
