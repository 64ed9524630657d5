// What inline event handlers (onclick="...", onload="...") did in Oscar's templates and ours:
// the Content-Security-Policy refuses those, so the templates (overrides in
// marketplace/templates/oscar/) mark the element with data-action and this file does the work.
(function () {
  "use strict";

  // Scripts run: a message's close button, which only works with them, may show (it sits in
  // the message's corner: nothing moves).
  document.querySelectorAll('[data-action="dismiss"][hidden]').forEach(function (button) {
    button.hidden = false;
  });

  document.addEventListener("click", function (event) {
    var element = event.target.closest && event.target.closest("[data-action]");
    if (!element) return;
    var action = element.dataset.action;
    if (action === "print") {
      event.preventDefault();
      window.print();
    } else if (action === "back") {
      event.preventDefault();
      window.history.go(-1);
    } else if (action === "go") {
      window.location.href = element.dataset.href;
    } else if (action === "dismiss") {
      // A message's close button (oscar/partials/alert_messages.html).
      var alert = element.closest(".alert");
      if (alert) alert.remove();
    } else if (action === "close") {
      event.preventDefault();
      window.close();
    }
  });

  // Oscar's image widget: the preview of a newly chosen file hides its "Upload image" button,
  // or shows it again and says the type is not a picture. Load and error do not bubble: listen
  // in the capture phase.
  function uploadButton(image) {
    return image.dataset && image.dataset.uploadButton
      ? document.getElementById(image.dataset.uploadButton)
      : null;
  }
  document.addEventListener("load", function (event) {
    var button = uploadButton(event.target);
    if (button) button.style.display = "none";
  }, true);
  document.addEventListener("error", function (event) {
    var image = event.target;
    var button = uploadButton(image);
    if (!button || !image.getAttribute("src")) return;
    button.style.display = "";
    window.alert(image.dataset.errorMessage);
  }, true);
})();
