"""Reading a shopper's search request from the query string."""

import re
import unicodedata

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, RegexValidator
from django.utils.translation import gettext_lazy as _

from .queries import AVAILABILITY, MAX_QUERY_LENGTH, PRICE_RANGES, SORTS, ProductQuery

# An engine refuses to go past its 10,000th hit; a page beyond that is refused here instead.
MAX_RESULT_WINDOW = 10_000
FACET_VALUE = RegexValidator(r"^[\w-]{1,64}$", _("Unknown filter value."))
UNKNOWN_CHOICE = {
    "invalid_choice": _("Unknown filter value: %(value)s."),
    "invalid_list": _("Unknown filter value."),
}
# A date input sends ISO dates; a hand-typed address may carry Vietnam's day/month/year.
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
INVISIBLE = re.compile(r"[\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")


class FacetValuesField(forms.MultipleChoiceField):
    """Free values (slugs, codes) checked for shape only: unknown ones simply match nothing."""

    def to_python(self, value):
        return [item for item in super().to_python(value) if item]  # "?group=" means no filter

    def valid_value(self, value):
        return True

    def validate(self, value):
        super().validate(value)
        for item in value:
            FACET_VALUE(item)


def visit_date_field(label) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=DATE_FORMATS,
        error_messages={"invalid": _("Enter the visit date as dd/mm/yyyy.")},
    )


class ProductSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search products"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={"max_length": _("Please search with at most %(limit_value)d characters.")},
    )
    stars = forms.TypedMultipleChoiceField(
        required=False,
        coerce=int,
        choices=[(str(stars), str(stars)) for stars in (3, 4, 5)],
        error_messages=UNKNOWN_CHOICE,
    )
    group = FacetValuesField(required=False)
    locality = FacetValuesField(required=False)
    producer = FacetValuesField(required=False)
    price = forms.MultipleChoiceField(
        required=False, choices=[(r.key, r.label) for r in PRICE_RANGES], error_messages=UNKNOWN_CHOICE
    )
    availability = forms.MultipleChoiceField(
        required=False, choices=list(AVAILABILITY.items()), error_messages=UNKNOWN_CHOICE
    )
    in_season = forms.BooleanField(label=_("In season"), required=False)
    visit_from = visit_date_field(_("Visit from"))
    visit_to = visit_date_field(_("Visit until"))
    sort = forms.ChoiceField(
        label=_("Sort by"), required=False, choices=list(SORTS.items()), error_messages=UNKNOWN_CHOICE
    )
    page = forms.IntegerField(
        required=False,
        min_value=1,
        error_messages={
            "invalid": _("The page number must be a whole number."),
            "min_value": _("The page number must be 1 or more."),
        },
    )

    def __init__(self, *args, per_page: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.per_page = per_page or settings.OSCAR_PRODUCTS_PER_PAGE
        self.fields["page"].validators.append(
            MaxValueValidator(
                MAX_RESULT_WINDOW // self.per_page,
                message=_("Results can be paged up to page %(limit_value)s; please narrow the search."),
            )
        )

    def clean_q(self):
        text = unicodedata.normalize("NFC", self.cleaned_data["q"])
        text = INVISIBLE.sub("", text)
        text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
        return " ".join(text.split())

    def clean(self):
        data = super().clean()
        start, end = data.get("visit_from"), data.get("visit_to")
        if start and end and end < start:
            self.add_error("visit_to", _("The last visit day is before the first."))
        return data

    def product_query(self, *, category: str = "") -> ProductQuery:
        data = self.cleaned_data
        return ProductQuery(
            text=data["q"],
            category=category,
            stars=frozenset(data["stars"]),
            group=frozenset(data["group"]),
            locality=frozenset(data["locality"]),
            producer=frozenset(data["producer"]),
            price=frozenset(data["price"]),
            availability=frozenset(data["availability"]),
            in_season=data["in_season"],
            visit_from=data["visit_from"],
            visit_to=data["visit_to"],
            sort=data["sort"] or "relevance",
            page=data["page"] or 1,
            per_page=self.per_page,
        )
