"""The dashboard shell's greeting: who is working, by the name people know them by."""

from django import template
from django.utils.translation import gettext as _

from core.permissions import producer_partners, user_is_staff

register = template.Library()


@register.simple_tag
def dashboard_greeting_name(user):
    """The producer's name for a producer's login (its producers' names, when it works for
    several), the person's full name or "OCOP office" for staff; never the login e-mail, which
    is an address, not a name. Empty for anyone else."""
    if not getattr(user, "is_authenticated", False):
        return ""
    if user_is_staff(user):
        return user.get_full_name().strip() or _("OCOP office")
    names = list(producer_partners(user).order_by("name").values_list("name", flat=True))
    return ", ".join(names) or user.get_full_name().strip()
