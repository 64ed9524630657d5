// The basket: a typed quantity is sent as soon as the buyer leaves the box, so the per-line
// "Update" buttons can go. Without JavaScript they stay, and "−", "+" and "Remove" are plain
// form buttons either way.
(function () {
  "use strict";
  var form = document.getElementById("basket_formset");
  if (!form) return;
  form.querySelectorAll(".basket-line__update").forEach(function (button) { button.hidden = true; });
  form.querySelectorAll(".qty-stepper__input").forEach(function (input) {
    input.addEventListener("change", function () {
      if (input.checkValidity()) form.requestSubmit();
    });
  });
})();
