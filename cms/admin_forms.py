"""Wagtail's sign-in form in our words: Wagtail redefines the password field without a label, so
Django shows the field's name, "Password", in English, and builds the login box's hint from the
field's name, capitalised mid-sentence ("Nhập Tên đăng nhập của bạn")
(WAGTAILADMIN_USER_LOGIN_FORM). Staff log in with their login name or e-mail (core.authentication)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")
        self.fields["username"].widget.attrs["placeholder"] = _("Login name or e-mail")
