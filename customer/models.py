from oscar.apps.customer.models import *  # noqa: F403  Oscar's models, under the label "customer"
