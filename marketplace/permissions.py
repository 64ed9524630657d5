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
