"""Reads for the promotion pages: what the home page shows next to the staff's own choices.

The pages read their own page types (news lists their articles) in `cms.models`; what other
apps add to the home page comes through `cms.home`: this module imports neither `cms.models`
nor any app that builds on cms."""

import datetime

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet
from oscar.core.loading import get_model
from wagtail.models import Locale, Page

Certificate = get_model("catalogue", "Certificate")
Partner = get_model("partner", "Partner")

STAR_LEVELS = (5, 4, 3)


def star_producer_list(*, on: datetime.date, limit: int = 4) -> list:
    """The producers with the highest OCOP stars in force, then the most certified products."""
    in_force = Q(
        certificates__status="active",
        certificates__valid_from__lte=on,
        certificates__valid_to__gte=on,
    )
    certified = Certificate.objects.in_force(on=on).values("producer")
    return list(
        Partner.objects.filter(pk__in=certified)
        .annotate(
            top_stars=Max("certificates__stars", filter=in_force),
            certified_products=Count("certificates__product", filter=in_force, distinct=True),
        )
        .select_related("commune")
        .order_by("-top_stars", "-certified_products", "name")[:limit]
    )


def programme_figures(*, on: datetime.date) -> dict:
    """How many products carry an OCOP badge on `on`, in all and by star level.

    A product counts once, at its highest star level in force.
    """
    best = (
        Certificate.objects.in_force(on=on)
        .values("product")
        .annotate(stars=Max("stars"))
        .values_list("stars", flat=True)
    )
    by_stars = dict.fromkeys(STAR_LEVELS, 0)
    for stars in best:
        by_stars[stars] = by_stars.get(stars, 0) + 1
    return {
        "total": sum(by_stars.values()),
        "by_stars": [(stars, by_stars[stars]) for stars in STAR_LEVELS],
        "producers": Certificate.objects.in_force(on=on).values("producer").distinct().count(),
    }


def menu_page_list(*, language_code: str) -> list:
    """The sections staff put in the site's menus (Wagtail's "show in menus"): the live pages
    right under the home page of the active language, or of the Vietnamese home for those the
    language's home has not translated (ordered by the tree, the Vietnamese sections after)."""
    home = Page.objects.filter(locale__language_code=language_code, depth=2).first()
    if home is None:
        return []
    # The English home's sections not translated yet are the Vietnamese ones (`pages_under_home`).
    children = Page.objects.live().public().in_menu().filter(depth=home.depth + 1)
    return list(pages_under_home(children, home=home).select_related("locale").order_by("path").specific())


def pages_under_home(pages: QuerySet, *, home) -> QuerySet:
    """`pages` under `home`; for a home in another language than the default one, also the
    default language's pages under its home that have no live translation in this language.

    So the English home has the same sections as the Vietnamese one (its news, fairs) while
    staff have translated none or some of them: a page not translated is shown in Vietnamese,
    its card marked `lang="vi"` (`{% page_lang %}` of `cms_i18n`)."""
    own = Q(path__startswith=home.path, depth__gt=home.depth)
    default = Locale.get_default()
    source_home = None if home.locale_id == default.pk else home.get_translation_or_none(default)
    if source_home is None:
        return pages.filter(own)
    translated_here = Page.objects.filter(
        locale_id=home.locale_id, translation_key=OuterRef("translation_key"), live=True
    )
    untranslated = Q(path__startswith=source_home.path, depth__gt=source_home.depth) & ~Q(
        Exists(translated_here)
    )
    return pages.filter(own | untranslated)
