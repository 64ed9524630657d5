// A page served to everyone from the page cache carries its forms' CSRF field empty
// (marketplace/page_cache.py). Before such a form is sent, ask the site for a token (which
// also sets the visitor's cookie), fill every empty field, and send the form as it was.
(function () {
  "use strict";
  var tokenUrl = "/csrf-token/"; // marketplace/urls.py, outside the language prefix

  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      var field = form.querySelector ? form.querySelector("input[data-csrf-deferred]") : null;
      if (!field || field.value) {
        return;
      }
      event.preventDefault();
      var button = event.submitter;
      fetch(tokenUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("CSRF token: " + response.status);
          }
          return response.json();
        })
        .then(function (data) {
          document.querySelectorAll("input[data-csrf-deferred]").forEach(function (input) {
            input.value = data.token;
          });
        })
        .catch(function () {
          // Sent without a token, the form meets the site's CSRF page, which sets the cookie
          // and asks to send it again.
        })
        .then(function () {
          if (button && button.name) {
            // form.submit() leaves out the pressed button, whose name some views read.
            var pressed = document.createElement("input");
            pressed.type = "hidden";
            pressed.name = button.name;
            pressed.value = button.value;
            form.appendChild(pressed);
          }
          form.submit();
        });
    },
    true
  );
})();
