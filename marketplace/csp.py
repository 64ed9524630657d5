"""What the Content-Security-Policy (settings: CONTENT_SECURITY_POLICY) asks of Wagtail's admin.

Wagtail's chooser widgets (images, documents, pages, snippets, our product and producer
choosers) write `<script>new ImageChooser("id", {...})</script>` after their HTML, from Python
(`BaseChooser.render`), where no template override reaches and no request gives a nonce. The
policy refuses that script. `choosers_render_markers` makes them write a marker with the same
constructor, id and options instead, which marketplace/js/wagtail-admin-init.js (loaded on
every admin page by marketplace/wagtail_hooks.py) turns into the same call. The date pickers
and inline panels do the same through template overrides (marketplace/templates/wagtailadmin/).
"""

import json

from django.utils.html import format_html
from wagtail.admin.widgets.chooser import BaseChooser

_inline_render = BaseChooser.render


def chooser_render(self, name, value, attrs=None, renderer=None):
    """BaseChooser.render with a <template data-csp-new> marker for its inline script."""
    if type(self).render_js_init is not BaseChooser.render_js_init:
        # A widget with its own start-up code (Wagtail's workflow task chooser): kept as it
        # is; the policy refuses its script (staff's workflow settings, unused here).
        return _inline_render(self, name, value, attrs=attrs, renderer=renderer)
    try:
        id_ = attrs["id"]
    except (KeyError, TypeError) as error:
        raise TypeError("BaseChooser cannot be rendered without an 'id' attribute") from error
    value_data = self.get_value_data(value)
    return format_html(
        '{}<template data-csp-new="{}" data-csp-id="{}" data-csp-options="{}"></template>',
        self.render_html(name, value_data, attrs),
        self.js_constructor,
        id_,
        json.dumps(self.get_js_init_options(id_, name, value_data)),
    )


def choosers_render_markers():
    BaseChooser.render = chooser_render
