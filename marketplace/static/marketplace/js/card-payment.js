// Card payments with Stripe's Payment Element.
// On the preview page the element collects the card; on "place order" it becomes a
// confirmation token that the server uses to create and confirm the PaymentIntent.
// On the card-action page, Stripe.js runs the bank's confirmation step (3-D Secure).
(function () {
  "use strict";
  if (typeof Stripe === "undefined") return;

  var form = document.querySelector("form[data-card-payment]");
  if (form) {
    var stripe = Stripe(form.dataset.stripeKey, { locale: form.dataset.locale || "auto" });
    var elements = stripe.elements({
      mode: "payment",
      amount: parseInt(form.dataset.amount, 10),
      currency: "vnd",
      paymentMethodCreation: "manual",
    });
    elements.create("payment").mount("#payment-element");
    var errors = document.getElementById("payment-errors");
    var button = form.querySelector("button[type=submit]");

    form.addEventListener("submit", function (event) {
      if (form.elements.confirmation_token.value) return;
      event.preventDefault();
      button.disabled = true;
      errors.textContent = "";
      elements.submit().then(function (result) {
        if (result.error) throw result.error;
        return stripe.createConfirmationToken({ elements: elements });
      }).then(function (result) {
        if (result.error) throw result.error;
        form.elements.confirmation_token.value = result.confirmationToken.id;
        form.submit();
      }).catch(function (error) {
        errors.textContent = error.message || String(error);
        button.disabled = false;
      });
    });
  }

  var action = document.getElementById("card-action");
  if (action) {
    Stripe(action.dataset.stripeKey)
      .handleNextAction({ clientSecret: action.dataset.clientSecret })
      .finally(function () { window.location.href = action.dataset.returnUrl; });
  }
})();
