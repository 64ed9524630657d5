/* The product page: the quantity stepper's − and +, its messages in the shop's words, and the
   phone's bar with price and "add" once the buy box has scrolled away. Without this file the
   quantity is a plain number input that the browser and the basket check, and there is no bar. */
(function () {
    "use strict";

    function setUpStepper(stepper) {
        var input = stepper.querySelector("input[type=number]");
        var message = document.getElementById("quantity-message");
        var buttons = stepper.querySelectorAll("[data-step]");
        var min = Number(input.min) || 1;
        var max = input.max ? Number(input.max) : Infinity;

        function problem() {
            var text = input.value.trim();
            if (!/^\d+$/.test(text)) { return stepper.dataset.messageNumber; }
            var value = Number(text);
            if (value < min) { return stepper.dataset.messageMin; }
            if (value > max) { return stepper.dataset.messageMax; }
            return "";
        }

        function refresh(show) {
            var text = problem();
            input.setCustomValidity(text);
            input.setAttribute("aria-invalid", text ? "true" : "false");
            if (message && (show || !text)) {
                message.textContent = text;
                message.hidden = !text;
            }
            var value = Number(input.value);
            buttons.forEach(function (button) {
                var step = Number(button.dataset.step);
                button.disabled = step < 0 ? !(value > min) : !(value < max);
            });
        }

        buttons.forEach(function (button) {
            button.addEventListener("click", function () {
                var value = parseInt(input.value, 10);
                if (isNaN(value)) { value = min; } else { value += Number(button.dataset.step); }
                input.value = String(Math.min(max, Math.max(min, value)));
                refresh(true);
            });
        });
        input.addEventListener("input", function () { refresh(false); });
        input.addEventListener("change", function () { refresh(true); });
        input.addEventListener("invalid", function () { refresh(true); });
        refresh(false);
        stepper.classList.add("is-ready");
    }

    function setUpBar(bar) {
        var box = document.getElementById("buy-box");
        if (!box || !("IntersectionObserver" in window)) { return; }
        new IntersectionObserver(function (entries) {
            entries.forEach(function (entry) {
                // Shown once the box is above the screen; hidden while it (or anything below it) shows.
                var gone = !entry.isIntersecting && entry.boundingClientRect.bottom < 0;
                bar.classList.toggle("is-visible", gone);
            });
        }).observe(box);
    }

    document.querySelectorAll("[data-stepper]").forEach(setUpStepper);
    document.querySelectorAll("[data-buy-bar]").forEach(setUpBar);
})();
