"""The checkout: Vietnamese address, one delivery fee per producer, and three ways to pay.

Steps (Oscar's): address -> delivery (skipped: there is one method) -> payment method ->
preview -> place order -> thank-you page. Placing an order is one transaction: the stock
records are locked and checked, the order and its producers' parts are written, and the
payment is taken (cards) or set up (cash on delivery, bank transfer). If the card is refused,
or the last units were sold a moment before, the transaction is rolled back and the basket,
the stock and the order numbers are exactly as they were.
"""

import logging

from django import http
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views import generic
from oscar.apps.checkout import views
from oscar.apps.checkout.exceptions import FailedPreCondition
from oscar.apps.order.exceptions import UnableToPlaceOrder
from oscar.apps.payment.exceptions import PaymentError, UnableToTakePayment
from oscar.core.loading import get_class, get_model

from checkout.forms import ShippingAddressForm
from core.ratelimit import client_ip, rate_exceeded, rate_record
from order.exceptions import InsufficientStock
from order.forms import PaymentMethodForm
from order.mails import order_placed_mails_send
from order.models import PaymentMethod
from order.payments import order_card_facts_merge, order_payment_source
from order.selectors import payment_methods_available
from order.settlement import CardReturn, card_failure_reason, order_card_return, order_payment_fail
from payment import cards
from payment.transfers import transfer_awaited

logger = logging.getLogger("oscar.checkout")

# What Stripe.js needs, on the two pages that load it (the preview of a card payment, the
# bank's confirmation step) and nowhere else: `payment.cards.STRIPE_CSP`.
STRIPE_CSP = cards.STRIPE_CSP

# Orders placed per address and per phone number in an hour (MARKETPLACE_CHECKOUT_RATE_LIMIT).
RATE_SCOPE = "checkout"

CheckoutSessionMixin = get_class("checkout.session", "CheckoutSessionMixin")
Commune = get_model("places", "Commune")
Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")
producer_charges = get_class("shipping.methods", "producer_charges")


class ShippingAddressView(views.ShippingAddressView):
    form_class = ShippingAddressForm
    # Without JavaScript, the button that shows the chosen province's communes: the form comes
    # back with everything typed kept and that province's communes, and no errors yet.
    CHOOSE_PROVINCE = "choose-province"

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") == self.CHOOSE_PROVINCE:
            typed = {
                name: request.POST.get(name) for name in self.form_class.base_fields if name in request.POST
            }
            return self.render_to_response(self.get_context_data(form=self.form_class(initial=typed)))
        return super().post(request, *args, **kwargs)

    def get_initial(self):
        initial = self.checkout_session.new_shipping_address_fields()
        if not initial:
            return {}
        initial = initial.copy()
        commune = (
            Commune.objects.filter(pk=initial.pop("commune_id", None)).select_related("province").first()
        )
        if commune:
            initial.update(commune=commune, province=commune.province)
        initial.pop("country_id", None)
        return initial


class PaymentMethodView(views.PaymentMethodView, generic.FormView):
    template_name = "checkout/payment_method.html"
    form_class = PaymentMethodForm
    success_url = reverse_lazy("checkout:preview")

    def get(self, request, *args, **kwargs):
        return generic.FormView.get(self, request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["methods"] = payment_methods_available()
        return kwargs

    def get_initial(self):
        return {"method": self.checkout_session.payment_method() or PaymentMethod.COD}

    def get_context_data(self, **kwargs):
        return super().get_context_data(transfer_hours=settings.MARKETPLACE_TRANSFER_HOURS, **kwargs)

    def form_valid(self, form):
        self.checkout_session.pay_by(form.cleaned_data["method"])
        return redirect(self.get_success_url())


class PaymentDetailsView(views.PaymentDetailsView):
    """The preview page and the placing of the order (Oscar's `payment-details` is not used)."""

    def get_pre_conditions(self, request):
        return [*super().get_pre_conditions(request), "check_payment_method_is_chosen"]

    def check_payment_method_is_chosen(self, request):
        if self.checkout_session.payment_method() not in dict(payment_methods_available()):
            raise FailedPreCondition(
                url=reverse("checkout:payment-method"), message=_("Please choose how you will pay.")
            )

    def check_basket_is_valid(self, request):
        try:
            super().check_basket_is_valid(request)
        except FailedPreCondition as refusal:
            logger.warning(
                "Basket #%s refused at %s: %s",
                request.basket.id,
                request.path,
                "; ".join(map(str, refusal.messages)),
            )
            raise

    def check_payment_data_is_captured(self, request):
        # Nothing is collected on a page of its own: card details go into Stripe's element.
        return

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        method = self.checkout_session.payment_method()
        ctx["payment_method"] = PaymentMethod(method) if method in PaymentMethod.values else None
        ctx["producer_charges"] = producer_charges(self.request.basket)
        if method == PaymentMethod.CARD:
            ctx.update(cards.card_page_context())
        return ctx

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context.get("payment_method") == PaymentMethod.CARD and not context.get("stripe_mock_token"):
            response._csp_update = STRIPE_CSP  # django-csp: Stripe.js and its frames (see above)
        return response

    def build_submission(self, **kwargs):
        submission = super().build_submission(**kwargs)
        submission["payment_kwargs"]["confirmation_token"] = self.request.POST.get("confirmation_token", "")
        submission["order_kwargs"].update(
            payment_method=self.checkout_session.payment_method(), language=get_language() or "vi"
        )
        return submission

    # Oscar takes the payment first and places the order after; here both happen in one
    # transaction, stock first, so that a refused card or a sold-out line undoes everything.
    def submit(
        self,
        user,
        basket,
        shipping_address,
        shipping_method,
        shipping_charge,
        billing_address,
        order_total,
        payment_kwargs=None,
        order_kwargs=None,
        surcharges=None,
    ):
        payment_kwargs = payment_kwargs or {}
        order_kwargs = order_kwargs or {}
        # A basket with nothing to deliver (a tour, a service) has no address: Oscar skips it.
        phone = shipping_address.phone_number if shipping_address is not None else ""
        senders = {"ip": client_ip(self.request), "phone": str(phone or "")}
        if rate_exceeded(scope=RATE_SCOPE, senders=senders, limit=settings.MARKETPLACE_CHECKOUT_RATE_LIMIT):
            logger.warning("Checkout refused: too many orders from one address or phone")
            return self.render_preview(
                self.request,
                error=_(
                    "Too many orders were placed from this connection or phone number in the last "
                    "hour. Please try again later, or contact the shop."
                ),
            )
        order_number = self.generate_order_number(basket)
        # A second click on "place order" while the first is being placed waits here for the
        # basket's row, then finds it placed.
        if Basket.objects.select_for_update().get(pk=basket.pk).status != Basket.OPEN:
            placed = Order.objects.filter(basket=basket).first()
            if placed is not None:
                logger.info("Order #%s: placed already, basket #%d sent again", placed.number, basket.id)
                self.request.session["checkout_order_id"] = placed.id
                return redirect("checkout:thank-you")
            return redirect("basket:summary")
        self.checkout_session.set_order_number(order_number)
        logger.info(
            "Order #%s: placing, basket #%d, %s", order_number, basket.id, order_kwargs.get("payment_method")
        )
        self.freeze_basket(basket)
        self.checkout_session.set_submitted_basket(basket)
        try:
            with transaction.atomic():
                order = self.place_order(
                    order_number=order_number,
                    user=user,
                    basket=basket,
                    shipping_address=shipping_address,
                    shipping_method=shipping_method,
                    shipping_charge=shipping_charge,
                    order_total=order_total,
                    billing_address=billing_address,
                    surcharges=surcharges,
                    **order_kwargs,
                )
                waiting_for_bank = self.handle_payment(
                    order_number, order_total, order=order, **payment_kwargs
                )
                if not waiting_for_bank:
                    basket.submit()
        except InsufficientStock as error:
            logger.warning("Order #%s: not placed, stock ran out: %s", order_number, error)
            self.restore_frozen_basket()
            for message in error.messages():
                messages.error(self.request, message)
            messages.info(
                self.request, _("Your basket is unchanged: please adjust the quantities and order again.")
            )
            return redirect("basket:summary")
        except UnableToTakePayment as error:
            logger.warning("Order #%s: card refused: %s", order_number, error)
            self.restore_frozen_basket()
            return self.render_preview(self.request, error=str(error))
        except PaymentError as error:
            logger.error("Order #%s: payment error: %s", order_number, error)
            self.restore_frozen_basket()
            return self.render_preview(
                self.request,
                error=_(
                    "We could not confirm the card payment, so the order was not placed. If your bank "
                    "shows a charge for it, it is refunded automatically. Please try again shortly."
                ),
            )
        except (UnableToPlaceOrder, ValueError) as error:
            # Oscar's own refusals, for instance a voucher someone else has just used up.
            logger.warning("Order #%s: not placed: %s", order_number, error)
            self.restore_frozen_basket()
            return self.render_preview(self.request, error=str(error))
        rate_record(scope=RATE_SCOPE, senders=senders)
        if waiting_for_bank:
            return redirect(waiting_for_bank)
        return self.handle_successful_order(order)

    def handle_payment(self, order_number, total, order=None, confirmation_token="", **kwargs):
        """Take or set up the payment of a just-written order.

        Returns None when the order is complete, or the URL where the buyer confirms the card
        payment with the bank; the basket then stays frozen until it succeeds or fails.
        """
        if order.payment_method != PaymentMethod.CARD:
            return None  # cash on delivery and transfers are paid later
        if not confirmation_token:
            raise UnableToTakePayment(_("Enter your card details to pay by card."))
        try:
            intent = cards.card_charge(
                order_number=order_number,
                amount=total.incl_tax,
                confirmation_token=confirmation_token,
                return_url=self.request.build_absolute_uri(reverse("checkout:card-return")),
                email=order.email,
            )
        except cards.CardDeclined as error:
            raise UnableToTakePayment(str(error)) from error
        except cards.CardGatewayError as error:
            raise PaymentError(str(error)) from error
        source = order_payment_source(order=order)
        source.reference = intent.id
        source.save(update_fields=["reference"])
        if intent.status == "succeeded":
            order_card_facts_merge(order=order, captured=intent.amount, reference=intent.id)
            return None
        self.request.session["card_action"] = {"order": order.number, "client_secret": intent.client_secret}
        if intent.status == "requires_action":
            return reverse("checkout:card-action")
        return reverse("checkout:card-return")  # processing: see how it ends

    def send_order_placed_email(self, order):
        order_placed_mails_send(order=order)


class CardActionView(CheckoutSessionMixin, generic.TemplateView):
    """Where the bank asks the buyer to confirm the card payment (3-D Secure)."""

    template_name = "checkout/card_action.html"

    def get(self, request, *args, **kwargs):
        if not request.session.get("card_action"):
            return http.HttpResponseRedirect(reverse("checkout:thank-you"))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        action = self.request.session["card_action"]
        ctx.update(
            order=Order.objects.get(number=action["order"]),
            client_secret=action["client_secret"],
            stripe_publishable_key=settings.STRIPE_PUBLISHABLE_KEY,
            return_url=self.request.build_absolute_uri(reverse("checkout:card-return")),
        )
        return ctx

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        response._csp_update = STRIPE_CSP  # django-csp: Stripe.js and its frames (see above)
        return response


class CardReturnView(PaymentDetailsView):
    """Back from the bank's confirmation step: finish the order, or give the basket back."""

    # The session's basket is a new, empty one while the order's waits, frozen: none of the
    # checkout's checks apply.
    def get_pre_conditions(self, request):
        return []

    def get_skip_conditions(self, request):
        return []

    def get(self, request, *args, **kwargs):
        action = request.session.get("card_action")
        order = Order.objects.filter(number=(action or {}).get("order")).first()
        if order is None:
            return redirect("basket:summary")
        outcome = order_card_return(order=order)
        if outcome == CardReturn.PAID:
            del request.session["card_action"]
            return self.handle_successful_order_without_mail(order)
        if outcome == CardReturn.REFUSED:
            given_back = order_payment_fail(order=order, reason=card_failure_reason(order))
            del request.session["card_action"]
            if given_back is not None and not request.basket.id:
                request.basket = given_back  # the basket middleware sets its cookie
            elif given_back is not None and given_back.id != request.basket.id:
                request.basket.merge(given_back)
            messages.error(request, cards.DECLINED_MESSAGE)
            return redirect("checkout:preview")
        messages.info(
            request, _("Your bank is still processing the payment; this page will show when it is done.")
        )
        return redirect(order.get_status_url())

    def handle_successful_order_without_mail(self, order):
        """Oscar's end of checkout; `order_card_complete` has sent the confirmation."""
        self.checkout_session.flush()
        self.request.session["checkout_order_id"] = order.id
        return redirect("checkout:thank-you")


class ThankYouView(views.ThankYouView):
    def get_context_data(self, *args, **kwargs):
        ctx = super().get_context_data(*args, **kwargs)
        ctx["transfer"] = transfer_awaited(order=ctx["order"])
        return ctx
