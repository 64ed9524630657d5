"""Oscar's order dashboard forms, with statuses shown by their names rather than codes."""

from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.dashboard.orders import forms as oscar_forms

from order.models import OrderStatus


class OrderSearchForm(oscar_forms.OrderSearchForm):
    status = forms.ChoiceField(
        choices=[("", "---------"), *OrderStatus.choices], label=_("Status"), required=False
    )
