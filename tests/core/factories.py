"""Logins, built on Oscar's `UserFactory`: the password is always "pw"."""

import factory
from oscar.test import factories as oscar_factories


class UserFactory(oscar_factories.UserFactory):
    username = factory.Sequence(lambda n: f"nguoi-dung-{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@ocop.example")
    first_name = ""
    last_name = ""
    password = factory.PostGenerationMethodCall("set_password", "pw")


class StaffFactory(UserFactory):
    """Promotion office staff (`is_staff`), the address the office's mails go to."""

    username = "office"
    is_staff = True


class SuperuserFactory(StaffFactory):
    username = "staff"
    is_superuser = True
