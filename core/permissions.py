"""Who may use which back-office page: the OCOP office's staff, or a producer's own people.

Every back-office view and every dashboard menu entry asks here, and nowhere else:

- `user_is_staff`: an active member of the OCOP office;
- `user_is_producer`: an active login of at least one producer (Oscar partner) that holds the
  `partner.dashboard_access` permission, and is not staff;
- `user_may_edit_pages`: may use the Wagtail admin (the content pages);
- the decorators `staff_required`, `producer_required` and `staff_or_producer_required`, and
  `ProducerRequiredMixin` for class-based views. Each sends an anonymous visitor (or one who
  may not use the page) to the one back-office login page, `LOGIN_URL`; a producer's own
  pages answer staff with 403.

A producer's pages then narrow every query to `producer_partners(user)` (`dashboard_partners`
for pages staff may open too), and a `?producer=` choice to one of them (`partner_chosen`):
another producer's id is a 404.
"""

from functools import wraps

from django.contrib.auth.decorators import user_passes_test
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse_lazy
from oscar.core.loading import get_model

from core.params import id_or_none

LOGIN_URL = reverse_lazy("dashboard:login")


def user_is_staff(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def producer_partners(user):
    """The producers (Oscar partners) whose dashboard `user` works in: none without the
    `partner.dashboard_access` permission."""
    Partner = get_model("partner", "Partner")
    if not (user.is_authenticated and user.is_active and user.has_perm("partner.dashboard_access")):
        return Partner.objects.none()
    return Partner.objects.filter(users=user)


def dashboard_partners(user):
    """The producers whose back-office pages `user` may open: every one for staff (helping a
    producer who asks), otherwise `producer_partners(user)`."""
    if user_is_staff(user):
        return get_model("partner", "Partner").objects.all()
    return producer_partners(user)


def _works_for_a_producer(user) -> bool:
    """Asked once per request and user: the menu asks for every entry."""
    if not hasattr(user, "_works_for_a_producer"):
        user._works_for_a_producer = producer_partners(user).exists()
    return user._works_for_a_producer


def user_is_producer(user) -> bool:
    """The one producer test: an active login of at least one producer, and not staff (staff
    help a producer by acting as its login in a support session, not from their own)."""
    return not user_is_staff(user) and _works_for_a_producer(user)


def user_is_staff_or_producer(user) -> bool:
    return user_is_staff(user) or user_is_producer(user)


def user_may_edit_pages(user) -> bool:
    """Whether `user` may use the Wagtail admin (Wagtail's own permission)."""
    return bool(user.is_authenticated and user.is_active and user.has_perm("wagtailadmin.access_admin"))


staff_required = user_passes_test(user_is_staff, login_url=LOGIN_URL)
staff_or_producer_required = user_passes_test(user_is_staff_or_producer, login_url=LOGIN_URL)


def producer_required(view_func):
    """A producer's own page, which acts in the producer's name: staff are refused (403), since
    a change they made would blur who asked for it; anyone else who is not a producer's login
    is sent to log in."""
    guarded = user_passes_test(user_is_producer, login_url=LOGIN_URL)(view_func)

    @wraps(view_func)
    def view(request, *args, **kwargs):
        if user_is_staff(request.user):
            raise PermissionDenied("a producer's own page: staff work in the staff pages")
        return guarded(request, *args, **kwargs)

    return view


def partner_chosen(*, partners, choice):
    """The producer a page works on: `choice` (a `?producer=` id) among `partners`, the first
    one when there is no choice; 404 for anything else, another producer's id included."""
    if choice:
        pk = id_or_none(choice)
        if pk is None:
            raise Http404("no such producer")
        partners = partners.filter(pk=pk)
    partner = partners.first()
    if partner is None:
        raise Http404("not one of your producers")
    return partner


class ProducerRequiredMixin:
    """A class-based view for a producer's own people: `partners()` are the producers the user
    works for, `partner_chosen()` the one a `?producer=` choice names among them."""

    def dispatch(self, request, *args, **kwargs):
        return producer_required(super().dispatch)(request, *args, **kwargs)

    def partners(self):
        return producer_partners(self.request.user).order_by("name")

    def partner_chosen(self):
        return partner_chosen(partners=self.partners(), choice=self.request.GET.get("producer", ""))
