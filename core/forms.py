"""Form helpers shared by the apps' views."""

from django.core.exceptions import ValidationError


def form_errors_add(form, error: ValidationError) -> None:
    """A service's refusal shown on the form: on its field when the form has it, else on top."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)
