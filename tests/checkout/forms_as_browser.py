"""Sending a page's form as a browser without JavaScript does: the controls that belong to the
form (inside it, or naming it with `form="..."`), in document order, and the button pressed."""

from bs4 import BeautifulSoup


def page_of(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def form_data(page, button):
    """The data set a press on `button` sends, and the form's action."""
    owner_id = button.get("form")
    form = page.find("form", id=owner_id) if owner_id else button.find_parent("form")
    assert form is not None, f"no form for {button}"
    data = {}
    for control in page.find_all(["input", "select", "textarea", "button"]):
        named = control.get("form")
        belongs = named == form.get("id") if named else form in control.parents
        if not belongs or not control.get("name") or control.has_attr("disabled"):
            continue
        if control.name == "button" or control.get("type") == "submit":
            if control is not button:
                continue
        elif control.get("type") in ("checkbox", "radio") and not control.has_attr("checked"):
            continue
        if control.name == "select":
            chosen = control.find("option", selected=True)
            value = chosen.get("value", "") if chosen else ""
        elif control.name == "textarea":
            value = control.text
        else:
            value = control.get("value", "")
        data.setdefault(control["name"], []).append(value)
    return form.get("action"), data
