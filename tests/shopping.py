"""Buying through the real checkout with Django's test client, for tests of every app."""

from django.urls import reverse


def address_data(place, **overrides):
    data = {
        "last_name": "Nguyễn Thị Hoa",
        "phone_number": "0912 345 678",
        "province": place.province_id,
        "commune": place.pk,
        "line1": "Số 12, thôn Kép",
        "notes": "",
    }
    data.update(overrides)
    return data


class Shopper:
    """Drives Oscar's checkout with the test client, step by step."""

    def __init__(self, client, commune):
        self.client = client
        self.commune = commune

    def add(self, product, quantity=1):
        response = self.client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": quantity})
        assert response.status_code == 302, response.content[:500]

    def start_as_guest(self, email="hoa@example.com"):
        response = self.client.post(reverse("checkout:index"), {"username": email, "options": "anonymous"})
        assert response.status_code == 302, response.context["form"].errors if response.context else response

    def give_address(self, **overrides):
        """Post the address and follow on, as a browser does (the delivery step passes by itself)."""
        return self.client.post(
            reverse("checkout:shipping-address"), address_data(self.commune, **overrides), follow=True
        )

    def choose_payment(self, method):
        return self.client.post(reverse("checkout:payment-method"), {"method": method})

    def place_order(self, **extra):
        return self.client.post(reverse("checkout:preview"), {"action": "place_order", **extra})

    def checkout(self, method, *products, email="hoa@example.com", **place_extra):
        for product in products:
            self.add(product)
        self.start_as_guest(email)
        response = self.give_address()
        assert response.redirect_chain, response.context["form"].errors
        assert response.redirect_chain[-1][0] == reverse("checkout:payment-method")
        response = self.choose_payment(method)
        assert response.status_code == 302, response.context and response.context["form"].errors
        return self.place_order(**place_extra)
