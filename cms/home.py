"""What other apps show on the home page, without cms importing them.

Fair pages build on cms (`cms.seo.SeoMixin`, `cms/base_page.html`, a fair list lives under the
home page), so fairs imports cms; if the home page's "Upcoming fairs" read fairs' pages itself,
the two apps would import each other. So the home page offers this registry: an app adds a
section from its `AppConfig.ready()`, under the context name the home template reads, with the
function that lists its items. A section nobody registers is simply absent from the page.

No model import here: apps' configs import this module before Django's models are loaded.
"""

import datetime
from collections.abc import Callable

# Called as items(home=the home page, on=today); returns what the section lists.
HomeSectionItems = Callable[..., list]

_sections: dict[str, HomeSectionItems] = {}


def home_section_register(*, name: str, items: HomeSectionItems) -> None:
    """Show `items(home=..., on=...)` on the home page as the context variable `name`."""
    _sections[name] = items


def home_sections(*, home, on: datetime.date) -> dict[str, list]:
    """{context name: items} of every registered section, for this home page (its language)."""
    return {name: items(home=home, on=on) for name, items in _sections.items()}
