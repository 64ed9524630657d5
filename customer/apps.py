import oscar.apps.customer.apps as apps
from django.urls import path


class CustomerConfig(apps.CustomerConfig):
    """Oscar's customer accounts, where signing up and changing one's e-mail never tell an
    outsider which addresses already have an account: both end in "check your inbox", and
    only the mail, read by the address's owner, says what happened."""

    name = "customer"

    def ready(self):
        super().ready()
        from oscar.core.loading import get_class

        self.registration_sent_view = get_class("customer.views", "RegistrationSentView")
        self.activation_view = get_class("customer.views", "AccountActivationView")
        self.email_change_view = get_class("customer.views", "EmailChangeConfirmView")

    def get_urls(self):
        urls = [
            path("register/sent/", self.registration_sent_view.as_view(), name="registration-sent"),
            path("activate/<uidb64>/<token>/", self.activation_view.as_view(), name="activate"),
            path("email/confirm/<token>/", self.email_change_view.as_view(), name="email-confirm"),
        ]
        return self.post_process_urls(urls) + super().get_urls()
