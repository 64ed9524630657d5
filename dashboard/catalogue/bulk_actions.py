"""Oscar's bulk actions on the product list, under the moderation rules.

Oscar lets anyone with the dashboard make their products public in one click; here only staff
do. A producer's "make products public" sends its hidden listings to the OCOP office for
approval (`catalog.moderation.listings_submit`), like the product form's "send for approval".
Hiding its own listings and setting its own prices stay the producer's to do at once (Oscar
already keeps them to the producer's own stock records). What each action may do for a
producer is declared in `tests/dashboard/test_producer_writes.py`.
"""

from django.contrib import messages
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from oscar.apps.dashboard.catalogue import bulk_actions

from catalog import moderation
from core.permissions import producer_partners, user_is_staff

# Oscar's `get_classes` takes the other actions from Oscar's module.


class MakeProductsPublicAction(bulk_actions.MakeProductsPublicAction):
    def execute(self, request, objects, form):
        if user_is_staff(request.user):
            return super().execute(request, objects, form)
        partners = producer_partners(request.user)
        # Oscar's view already narrows the selection to the producer's own products; this
        # holds even if that view changes.
        own = objects.filter(stockrecords__partner__in=partners).distinct()
        changes = moderation.listings_submit(products=list(own), by=request.user, partner=partners.first())
        if changes:
            messages.info(
                request,
                ngettext(
                    "%(count)d listing was sent to the OCOP office; it goes on sale once approved.",
                    "%(count)d listings were sent to the OCOP office; they go on sale once approved.",
                    len(changes),
                )
                % {"count": len(changes)},
            )
        else:
            messages.info(
                request, _("Nothing to send: the listings are on sale or already waiting for approval.")
            )
        return None
