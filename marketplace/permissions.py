"""Who may use which back-office page: promotion staff, or a producer's own people."""

from django.contrib.auth.decorators import user_passes_test
from django.urls import reverse_lazy

staff_required = user_passes_test(
    lambda user: user.is_active and user.is_staff, login_url=reverse_lazy("customer:login")
)


def producer_partners(user):
    """The producers (Oscar partners) whose dashboard `user` works in: none without the
    `partner.dashboard_access` permission."""
    from oscar.core.loading import get_model

    Partner = get_model("partner", "Partner")
    if not (user.is_authenticated and user.is_active and user.has_perm("partner.dashboard_access")):
        return Partner.objects.none()
    return Partner.objects.filter(users=user)


producer_required = user_passes_test(
    lambda user: producer_partners(user).exists(), login_url=reverse_lazy("dashboard:login")
)


def partner_chosen(*, partners, choice):
    """The producer a page works on: `choice` (a `?producer=` id) among `partners`, the first
    one when there is no choice; 404 for anything else, another producer's id included."""
    from django.http import Http404

    if choice:
        if not (choice.isascii() and choice.isdigit()):
            raise Http404("no such producer")
        partners = partners.filter(pk=int(choice))
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
