from oscar.apps.customer import mixins

from customer.accounts import registration_request


class RegisterUserMixin(mixins.RegisterUserMixin):
    """Signing up starts with a mail to the address and logs no one in (`customer.accounts`)."""

    def register_user(self, form):
        registration_request(email=form.cleaned_data["email"], password=form.cleaned_data["password1"])
